using KubePlan.Schema.Generation;
using KubePlan.SchemaGen;

// Usage: KubePlan.SchemaGen [definitions.json] [output-folder]
// Defaults are relative to the repository root (the folder holding KubePlan.sln).
try
{
    var root = RepositoryRoot.Find(Directory.GetCurrentDirectory());
    var input = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.GetFullPath(Path.Combine(root, "..", "shared", "kubernetes-api", "definitions.json"));
    var output = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.GetFullPath(Path.Combine(root, "schemas", "kubernetes", "1.36"));
    var result = KubernetesSchemaGenerator.Generate(input, output);
    Console.WriteLine($"wrote {result.Written} files ({result.Unchanged} unchanged, {result.Deleted} stale removed) to {output}");
    // Then their precompiled form, which validation reads (NJsonSchema is needed only here).
    var compiled = CompiledSchemaGenerator.Write(output);
    Console.WriteLine($"{(compiled ? "wrote" : "unchanged:")} {CompiledSchemaGenerator.FileName}");
    return 0;
}
catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 2;
}
