using System.Runtime.Loader;
using KubePlan.Rules;

namespace KubePlan.CustomRules;

/// <summary>
/// The outcome of loading custom rules: the rules, or the errors that stop them from being used.
/// Disposing unloads the compiled rules (they live in a collectible load context).
/// </summary>
public sealed class CustomRuleSet : IDisposable
{
    private readonly AssemblyLoadContext? _context;

    internal CustomRuleSet(IReadOnlyList<Rule> rules, IReadOnlyList<CustomRuleError> errors, bool fromCache, TimeSpan elapsed, AssemblyLoadContext? context)
    {
        Rules = rules;
        Errors = errors;
        FromCache = fromCache;
        Elapsed = elapsed;
        _context = context;
    }

    public static CustomRuleSet Empty { get; } = new([], [], false, TimeSpan.Zero, null);

    /// <summary>The custom rules, sorted by id; empty when there are errors.</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>Compiler errors and rule checks, sorted by file and position.</summary>
    public IReadOnlyList<CustomRuleError> Errors { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>Whether the compiled assembly came from the on-disk cache (no Roslyn run).</summary>
    public bool FromCache { get; }

    /// <summary>The time taken to compile (or read from the cache) and load.</summary>
    public TimeSpan Elapsed { get; }

    public void Dispose() => _context?.Unload();
}
