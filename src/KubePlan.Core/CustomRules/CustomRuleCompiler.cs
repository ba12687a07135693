using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using KubePlan.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace KubePlan.CustomRules;

/// <summary>
/// The Roslyn side of custom rules, kept apart from <see cref="CustomRuleLoader"/> so that a run
/// served from the cache never loads the compiler.
/// </summary>
internal static class CustomRuleCompiler
{
    /// <summary>What every custom rule file may use without a using directive.</summary>
    internal const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading;
        global using KubePlan.Diagnostics;
        global using KubePlan.Manifests;
        global using KubePlan.Rules;
        """;

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>Compiles the sources into one assembly image, or returns the compiler's errors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (byte[]? Image, List<CustomRuleError> Errors) Compile(IReadOnlyList<CustomRuleSource> sources, string assemblyName)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources
            .Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, Encoding.UTF8), parse, s.Path))
            .Append(CSharpSyntaxTree.ParseText(SourceText.From(GlobalUsings, Encoding.UTF8), parse, "<kubeplan-global-usings>"))
            .ToList();
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            nullableContextOptions: NullableContextOptions.Enable,
            deterministic: true,
            concurrentBuild: true);
        var compilation = CSharpCompilation.Create(assemblyName, trees, References.Value, options);
        using var image = new MemoryStream();
        // The debug information goes inside the image: it names each rule's file without the compiler
        // (RuleSourceMap), and gives a failing rule's stack trace its file and line numbers.
        var result = compilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        var errors = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(ToError)
            .ToList();
        return result.Success && errors.Count == 0 ? (image.ToArray(), []) : (null, errors);
    }

    /// <summary>Where a type is declared, for errors about a rule class (parsing only, no compilation).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (string File, int Line, int Column)? Locate(IReadOnlyList<CustomRuleSource> sources, Type type)
    {
        foreach (var source in sources)
        {
            var root = CSharpSyntaxTree.ParseText(source.Text, path: source.Path).GetRoot();
            var declaration = root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
                .FirstOrDefault(d => d.Identifier.ValueText == type.Name);
            if (declaration is not null)
            {
                var position = declaration.Identifier.GetLocation().GetLineSpan().StartLinePosition;
                return (source.Path, position.Line + 1, position.Character + 1);
            }
        }

        return null;
    }

    private static CustomRuleError ToError(Microsoft.CodeAnalysis.Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var hasLine = d.Location.IsInSource;
        return new CustomRuleError(
            hasLine ? span.Path : "<compilation>",
            hasLine ? span.StartLinePosition.Line + 1 : 0,
            hasLine ? span.StartLinePosition.Character + 1 : 0,
            d.Id,
            d.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The framework assemblies the process runs on (from the trusted platform assemblies list),
    /// KubePlan.Core, which declares the rule API, and Cronos. Other application assemblies are left
    /// out so that a custom rule sees the same API wherever the tool runs.
    /// </summary>
    private static List<MetadataReference> LoadReferences()
    {
        // Core declares the rule API; Cronos is there for rules about CronJob schedules (see maintenance-window.cs).
        string[] libraries = [typeof(Rule).Assembly.Location, typeof(Cronos.CronExpression).Assembly.Location];
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var framework = trusted.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal)).ToList();

        // A host that lays the framework out differently still gets every trusted assembly rather than none.
        var paths = (framework.Any(p => Path.GetFileName(p) == "System.Runtime.dll") ? framework : [.. trusted])
            .Concat(libraries)
            .Where(p => p.Length > 0 && File.Exists(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return paths.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
