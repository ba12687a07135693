using KubePlan.Manifests;
using KubePlan.Validation;

namespace KubePlan.Rules.ApiValidation;

/// <summary>
/// pkg/apis/core/validation ValidateResourceRequirements, validateContainerResourceName and
/// ValidateResourceQuantityValue, with quantities compared exactly.
/// </summary>
internal static class ResourceChecks
{
    private static readonly HashSet<string> StandardContainerResources = new(StringComparer.Ordinal) { "cpu", "memory", "ephemeral-storage" };

    public static void Requirements(ValidationScope s, Located? resources)
    {
        if (resources is not { Mapping: not null } r)
        {
            return;
        }

        var limits = Quantities(s, r.Get("limits"));
        var requests = Quantities(s, r.Get("requests"));
        foreach (var (name, (at, request)) in requests)
        {
            var limit = limits.GetValueOrDefault(name);
            if (limit is not null && request > limit.Value)
            {
                // A request above its limit: the requests-exceed-limits rule owns this one, so it is one finding.
                continue;
            }

            if (!IsOvercommitAllowed(name))
            {
                if (limit is null)
                {
                    s.Error(at, $"{name} needs a limit equal to its request: it cannot be overcommitted");
                }
                else if (!request.ValueEquals(limit.Value))
                {
                    s.Error(at, $"{name} request {Text(at)} must be equal to the {name} limit of {Text(limit.At)}: it cannot be overcommitted");
                }
            }
        }

        var hugePages = limits.Keys.Any(IsHugePages) || requests.Keys.Any(IsHugePages);
        var cpuOrMemory = limits.ContainsKey("cpu") || limits.ContainsKey("memory") || requests.ContainsKey("cpu") || requests.ContainsKey("memory");
        if (hugePages && !cpuOrMemory)
        {
            s.ErrorAtKey(r, "hugepages require a cpu or memory request or limit");
        }
    }

    private static Dictionary<string, Amount> Quantities(ValidationScope s, Located? map)
    {
        var result = new Dictionary<string, Amount>(StringComparer.Ordinal);
        foreach (var entry in map?.Entries() ?? [])
        {
            var name = entry.KeyText!;
            if (ResourceNameError(name) is { } nameError)
            {
                s.ErrorAtKey(entry, $"resource name \"{name}\" is invalid: {nameError}");
                continue;
            }

            if (entry.Node is not YScalar { Kind: ScalarKind.String or ScalarKind.Int or ScalarKind.Float } scalar)
            {
                continue;
            }

            if (!Quantity.TryParse(scalar.Kind == ScalarKind.String ? scalar.Text : scalar.KeyText, out var quantity))
            {
                s.Error(entry, $"{name} quantity {scalar.JsonText} is not a valid quantity: use a number with an optional suffix such as 500m, 1.5, 128Mi or 2G");
                continue;
            }

            if (quantity.Sign < 0)
            {
                s.Error(entry, $"{name} quantity {scalar.JsonText} must be greater than or equal to 0");
                continue;
            }

            if (IsExtended(name) && !quantity.IsInteger)
            {
                s.Error(entry, $"{name} quantity {scalar.JsonText} must be an integer");
                continue;
            }

            result[name] = new Amount(entry, quantity);
        }

        return result;
    }

    /// <summary>validateContainerResourceName.</summary>
    internal static string? ResourceNameError(string name)
    {
        // The usual names first: each is a valid qualified name.
        if (StandardContainerResources.Contains(name))
        {
            return null;
        }

        if (KubernetesNames.QualifiedName(name) is { } error)
        {
            return error;
        }

        if (!name.Contains('/', StringComparison.Ordinal))
        {
            return StandardContainerResources.Contains(name) || IsHugePages(name) ? null
                : "must be a standard resource for containers (cpu, memory, ephemeral-storage, hugepages-<size>) or a fully qualified extended resource such as example.com/gpu";
        }

        return IsNative(name) || IsExtended(name) ? null : "doesn't follow the extended resource name standard";
    }

    private static bool IsHugePages(string name) => name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static bool IsNative(string name) => !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    private static bool IsExtended(string name) =>
        !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal) && KubernetesNames.QualifiedName("requests." + name) is null;

    private static bool IsOvercommitAllowed(string name) => IsNative(name) && !IsHugePages(name);

    private static string Text(Located at) => at.Node is YScalar s ? s.Text : string.Empty;

    /// <summary>A quantity and where it is written (a class: a value tuple would make the dictionary's code compile at run time).</summary>
    private sealed record Amount(Located At, Quantity Value);
}
