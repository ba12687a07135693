using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using KubePlan.Manifests;
using KubePlan.Reporting;
using KubePlan.Rules;

namespace KubePlan.CustomRules;

/// <summary>
/// Loads custom rules: C# files (a file, or a folder of them, searched recursively) compiled together
/// with Roslyn against KubePlan.Core and the framework, loaded into a collectible load context, and
/// every non-abstract <see cref="Rule"/> subclass with a parameterless constructor instantiated.
/// </summary>
/// <remarks>
/// Compiling costs Roslyn's start-up (about a second), so a compiled assembly is cached on disk,
/// keyed by a SHA-256 of the sources, the tool version and the KubePlan.Core build; a cache that
/// cannot be written is skipped silently. Nothing here throws for bad input: compiler errors and
/// rule checks come back as positioned <see cref="CustomRuleError"/>s.
/// </remarks>
public sealed partial class CustomRuleLoader
{
    /// <param name="cacheDirectory">Where compiled rules are cached; null for no cache.</param>
    public CustomRuleLoader(string? cacheDirectory)
    {
        CacheDirectory = cacheDirectory;
    }

    public string? CacheDirectory { get; }

    /// <summary>The feature switch that says whether this process can compile and load custom rules.</summary>
    public const string FeatureSwitch = "KubePlan.CustomRules.IsSupported";

    /// <summary>
    /// Whether custom rules can be compiled and loaded here: false in the Native AOT build, which can
    /// neither run Roslyn nor load the assembly it emits (the CLI hands such runs to the managed build).
    /// A feature switch, so the AOT compiler leaves Roslyn and the loading code out altogether.
    /// </summary>
    [FeatureSwitchDefinition(FeatureSwitch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(FeatureSwitch, out var supported) || supported;

    /// <summary>
    /// The cache directory: <c>$KUBEPLAN_CACHE_DIR</c> (empty to turn the cache off), else
    /// <c>$XDG_CACHE_HOME/kubeplan</c>, else <c>~/.cache/kubeplan</c> (the local application data
    /// folder on Windows); compiled rules go in its <c>custom-rules</c> folder.
    /// </summary>
    public static string? DefaultCacheDirectory()
    {
        var root = Environment.GetEnvironmentVariable("KUBEPLAN_CACHE_DIR");
        if (root is null)
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
            {
                root = Path.Combine(xdg, "kubeplan");
            }
            else if (OperatingSystem.IsWindows())
            {
                var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                root = local.Length == 0 ? null : Path.Combine(local, "kubeplan");
            }
            else
            {
                var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
                root = home.Length == 0 ? null : Path.Combine(home, ".cache", "kubeplan");
            }
        }

        return string.IsNullOrEmpty(root) ? null : Path.Combine(root, "custom-rules");
    }

    /// <summary>Whether the C# compiler (Roslyn, Microsoft.CodeAnalysis*) has been loaded into this process; a run served from the cache never loads it.</summary>
    public static bool IsCompilerLoaded() =>
        AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true);

    /// <summary>Reads the C# files under the given paths (a file, or a folder searched recursively), in path order.</summary>
    public static (List<CustomRuleSource> Sources, List<CustomRuleError> Errors) ReadSources(IEnumerable<string> paths)
    {
        var sources = new List<CustomRuleSource>();
        var errors = new List<CustomRuleError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var display = ManifestLoader.DisplayPath(path);
            IEnumerable<(string Full, string Display)> files;
            if (File.Exists(path))
            {
                files = [(path, display)];
            }
            else if (Directory.Exists(path))
            {
                files = Directory.EnumerateFiles(path, "*.cs", SearchOption.AllDirectories)
                    .Select(f => (f, (display.TrimEnd('/') + "/" + Path.GetRelativePath(path, f).Replace('\\', '/'))))
                    .OrderBy(f => f.Item2, StringComparer.Ordinal)
                    .ToList();
            }
            else
            {
                errors.Add(new CustomRuleError(display, 0, 0, CustomRuleError.Missing, "no such file or directory"));
                continue;
            }

            foreach (var (full, name) in files)
            {
                if (!seen.Add(Path.GetFullPath(full)))
                {
                    continue;
                }

                try
                {
                    sources.Add(new CustomRuleSource(name, File.ReadAllText(full)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add(new CustomRuleError(name, 0, 0, CustomRuleError.Missing, "cannot be read: " + e.Message));
                }
            }
        }

        return (sources, errors);
    }

    /// <summary>Loads the custom rules under the given paths.</summary>
    public CustomRuleSet Load(IEnumerable<string> paths)
    {
        var given = paths.ToList();
        var (sources, errors) = ReadSources(given);
        if (errors.Count > 0)
        {
            return new CustomRuleSet([], errors, false, TimeSpan.Zero, null);
        }

        if (sources.Count == 0)
        {
            var where = string.Join(", ", given.Select(ManifestLoader.DisplayPath));
            return new CustomRuleSet([], [new CustomRuleError(where, 0, 0, CustomRuleError.NoRules, "no .cs files found")], false, TimeSpan.Zero, null);
        }

        return Load(sources);
    }

    /// <summary>Compiles (or takes from the cache) and loads rules from sources already read.</summary>
    public CustomRuleSet Load(IReadOnlyList<CustomRuleSource> sources)
    {
        if (!IsSupported)
        {
            throw new NotSupportedException("custom rules cannot be compiled or loaded in the Native AOT build");
        }

        if (sources.Count == 0)
        {
            return new CustomRuleSet([], [new CustomRuleError("--rules", 0, 0, CustomRuleError.NoRules, "no .cs files found")], false, TimeSpan.Zero, null);
        }

        var clock = Stopwatch.StartNew();
        var key = CacheKey(sources);
        var cached = ReadCache(key);
        var image = cached;
        if (image is null)
        {
            var (compiled, compileErrors) = CustomRuleCompiler.Compile(sources, "KubePlan.CustomRules." + key[..16]);
            if (compiled is null)
            {
                return new CustomRuleSet([], Sorted(compileErrors), false, clock.Elapsed, null);
            }

            image = compiled;
            WriteCache(key, image);
        }

        var context = new AssemblyLoadContext("kubeplan-custom-rules-" + key[..16], isCollectible: true);
        var (rules, ruleErrors) = Instantiate(context, image, sources);
        if (ruleErrors.Count > 0)
        {
            context.Unload();
            return new CustomRuleSet([], Sorted(ruleErrors), cached is not null, clock.Elapsed, null);
        }

        return new CustomRuleSet(rules, [], cached is not null, clock.Elapsed, context);
    }

    /// <summary>SHA-256 over a format tag, the tool version, the Core build and each source's path and text, length-prefixed.</summary>
    public static string CacheKey(IReadOnlyList<CustomRuleSource> sources)
    {
        var text = new StringBuilder()
            .Append("kubeplan-custom-rules/2\n")
            .Append(ToolInfo.Version).Append('\n')
            .Append(typeof(Rule).Assembly.ManifestModule.ModuleVersionId.ToString("N")).Append('\n')
            .Append(Environment.Version).Append('\n');
        foreach (var s in sources)
        {
            // The path is part of the image too: the embedded debug information names each rule's file.
            text.Append(s.Path.Length).Append(':').Append(s.Path).Append(s.Text.Length).Append(':').Append(s.Text).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static (List<Rule> Rules, List<CustomRuleError> Errors) Instantiate(AssemblyLoadContext context, byte[] image, IReadOnlyList<CustomRuleSource> sources)
    {
        var rules = new List<(Rule Rule, Type Type)>();
        var errors = new List<CustomRuleError>();
        Type[] types;
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            types = context.LoadFromStream(stream).GetTypes();
        }
        catch (Exception e) when (e is BadImageFormatException or ReflectionTypeLoadException or FileLoadException)
        {
            return ([], [new CustomRuleError(sources[0].Path, 0, 0, CustomRuleError.LoadFailed, "the compiled rules could not be loaded: " + e.Message)]);
        }

        CustomRuleError At(Type type, string code, string message)
        {
            var where = CustomRuleCompiler.Locate(sources, type);
            return where is { } w
                ? new CustomRuleError(w.File, w.Line, w.Column, code, message)
                : new CustomRuleError(sources[0].Path, 0, 0, code, message);
        }

        foreach (var type in types.Where(t => t.IsSubclassOf(typeof(Rule)) && !t.IsAbstract && !t.ContainsGenericParameters).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is null)
            {
                errors.Add(At(type, CustomRuleError.InvalidRule, $"rule class {type.Name} needs a parameterless constructor"));
                continue;
            }

            try
            {
                var rule = (Rule)Activator.CreateInstance(type, nonPublic: true)!;
                _ = rule.Info ?? throw new InvalidOperationException("Info is null");
                rules.Add((rule, type));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                errors.Add(At(type, CustomRuleError.InvalidRule, $"rule class {type.Name} could not be created: {cause.GetType().Name}: {cause.Message}"));
            }
        }

        var builtIn = RuleCatalog.BuiltIn.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var ids = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var (rule, type) in rules)
        {
            var info = rule.Info;
            if (string.IsNullOrEmpty(info.Id) || !RuleIdPattern().IsMatch(info.Id))
            {
                errors.Add(At(type, CustomRuleError.InvalidId, $"rule id '{info.Id}' must be kebab-case, namespaced by its author: lower-case letters and digits joined by single hyphens, with one '/' after the namespace (e.g. acme/require-team-label)"));
            }
            else if (builtIn.Contains(info.Id) || CustomRuleFindings.Ids.Contains(info.Id))
            {
                errors.Add(At(type, CustomRuleError.DuplicateId, $"rule id '{info.Id}' is the id of a built-in rule; choose another (a namespaced id such as acme/{info.Id} never collides)"));
            }
            else if (info.Id.StartsWith(ReservedNamespace, StringComparison.Ordinal))
            {
                errors.Add(At(type, CustomRuleError.InvalidId, $"rule id '{info.Id}' uses the namespace '{ReservedNamespace}', which KubePlan keeps for itself; choose your own"));
            }
            else if (ids.TryGetValue(info.Id, out var other))
            {
                errors.Add(At(type, CustomRuleError.DuplicateId, $"rule id '{info.Id}' is already used by {other.Name}"));
            }
            else
            {
                ids[info.Id] = type;
            }

            if (string.IsNullOrWhiteSpace(info.Summary) || string.IsNullOrWhiteSpace(info.Remediation))
            {
                errors.Add(At(type, CustomRuleError.InvalidRule, $"rule '{info.Id}' needs a summary and a remediation"));
            }
        }

        if (errors.Count == 0 && rules.Count == 0)
        {
            errors.Add(new CustomRuleError(sources[0].Path, 0, 0, CustomRuleError.NoRules, "no rule found: declare a class deriving from KubePlan.Rules.Rule"));
        }

        var files = RuleSourceMap.Read(image);
        foreach (var (rule, type) in rules)
        {
            var file = files.GetValueOrDefault(type.MetadataToken, sources[0].Path);
            rule.Origin = RuleSourceMap.Origin(file, sources.FirstOrDefault(s => s.Path == file)?.Text, rule.Id);
        }

        return (rules.Select(r => r.Rule).OrderBy(r => r.Id, StringComparer.Ordinal).ToList(), errors);
    }

    private byte[]? ReadCache(string key)
    {
        if (CacheDirectory is null)
        {
            return null;
        }

        try
        {
            var path = Path.Combine(CacheDirectory, key + ".dll");
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a concurrent run never reads half a file.</summary>
    private void WriteCache(string key, byte[] image)
    {
        if (CacheDirectory is null)
        {
            return;
        }

        var temp = Path.Combine(CacheDirectory, $"{key}.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(CacheDirectory);
            File.WriteAllBytes(temp, image);
            File.Move(temp, Path.Combine(CacheDirectory, key + ".dll"), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the cache is an optimisation.
            }
        }
    }

    private static List<CustomRuleError> Sorted(List<CustomRuleError> errors) =>
        errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)
            .ThenBy(e => e.Code, StringComparer.Ordinal).ThenBy(e => e.Message, StringComparer.Ordinal).ToList();

    /// <summary>The namespace custom rules may not take, so that KubePlan can name rules in it.</summary>
    private const string ReservedNamespace = "kubeplan/";

    /// <summary>kebab-case, optionally after a kebab-case namespace and one slash: acme/images-from-registry.</summary>
    [GeneratedRegex("^([a-z0-9]+(-[a-z0-9]+)*/)?[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex RuleIdPattern();
}
