using System.Globalization;
using KubePlan.Manifests;

namespace KubePlan.Planning;

/// <summary>
/// The replica range a HorizontalPodAutoscaler enforces on its target: it never scales below
/// <c>spec.minReplicas</c> (default 1) nor above <c>spec.maxReplicas</c>, so a manual resize
/// outside that range is pulled back on the autoscaler's next sync.
/// </summary>
public sealed record AutoscalerBounds(string HpaName, int MinReplicas, int? MaxReplicas)
{
    public static AutoscalerBounds Read(Manifest hpa)
    {
        ArgumentNullException.ThrowIfNull(hpa);
        var min = hpa.At("spec", "minReplicas")?.Scalar?.AsInt64() ?? 1;
        var max = hpa.At("spec", "maxReplicas")?.Scalar?.AsInt64();
        return new AutoscalerBounds(
            hpa.Name ?? string.Empty,
            (int)Math.Clamp(min, 0, int.MaxValue),
            max is { } m ? (int)Math.Clamp(m, 0, int.MaxValue) : null);
    }

    /// <summary>The count the autoscaler settles a resize to <paramref name="replicas"/> at, as far as its bounds decide it.</summary>
    public int Enforced(int replicas) =>
        replicas < MinReplicas ? MinReplicas : MaxReplicas is { } max && replicas > max ? max : replicas;

    /// <summary>A plan note: which bound applies to a resize to <paramref name="replicas"/>.</summary>
    public string Note(int replicas)
    {
        var range = MaxReplicas is { } max ? Invariant($"{MinReplicas}–{max}") : Invariant($"at least {MinReplicas}");
        if (replicas < MinReplicas)
        {
            return Invariant($"HorizontalPodAutoscaler {HpaName} scales this workload ({range} replicas): {replicas} is below its minReplicas, so the autoscaler scales it back up to {MinReplicas}.");
        }

        if (MaxReplicas is { } upper && replicas > upper)
        {
            return Invariant($"HorizontalPodAutoscaler {HpaName} scales this workload ({range} replicas): {replicas} is above its maxReplicas, so the autoscaler scales it back down to {upper}.");
        }

        return Invariant($"HorizontalPodAutoscaler {HpaName} scales this workload ({range} replicas): {replicas} is within its bounds, but the autoscaler moves the count again as its metrics require.");
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
