using KubePlan.Manifests;

namespace KubePlan.Scheduling;

/// <summary>The taint effects (core/v1 TaintEffect).</summary>
public static class TaintEffects
{
    public const string NoSchedule = "NoSchedule";
    public const string PreferNoSchedule = "PreferNoSchedule";
    public const string NoExecute = "NoExecute";

    public static IReadOnlyList<string> All { get; } = [NoSchedule, PreferNoSchedule, NoExecute];

    /// <summary>What the scheduler's filter and the DaemonSet controller's shouldRun check.</summary>
    public static IReadOnlyList<string> Scheduling { get; } = [NoSchedule, NoExecute];

    /// <summary>What taint eviction and the DaemonSet controller's shouldContinueRunning check.</summary>
    public static IReadOnlyList<string> Eviction { get; } = [NoExecute];
}

/// <summary>A node taint: key, optional value, effect.</summary>
public sealed record Taint(string Key, string Value, string Effect)
{
    /// <summary>kubectl's form: <c>key=value:Effect</c>, or <c>key:Effect</c> without a value.</summary>
    public override string ToString() => Key + (Value.Length > 0 ? "=" + Value : string.Empty) + ":" + Effect;

    /// <summary>Reads one entry of <c>spec.taints</c>; null when it is not a mapping.</summary>
    public static Taint? Read(Located at) => at.Mapping is null ? null
        : new Taint(Text(at.Get("key")), Text(at.Get("value")), Text(at.Get("effect")));

    private static string Text(Located? at) => at?.Node is YScalar { Kind: not ScalarKind.Null } s ? s.KeyText : string.Empty;
}
