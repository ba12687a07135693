using System.Globalization;
using KubePlan.Cron;

namespace KubePlan.CustomRules;

/// <summary>The time budget a custom rule gets per run: <c>customRuleTimeout</c> and <c>--custom-rule-timeout</c>.</summary>
public static class CustomRuleTimeout
{
    /// <summary>Generous for a rule that walks every object once, short enough that a stuck CI job is noticed.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(5);

    /// <summary>A positive duration in Go's notation, as Kubernetes writes them: 500ms, 5s, 1m30s.</summary>
    public static bool TryParse(string? text, out TimeSpan budget)
    {
        budget = TimeSpan.Zero;
        if (text is null || !GoDuration.TryParse(text.Trim(), out var nanoseconds, out _) || nanoseconds < TimeSpan.NanosecondsPerTick * 10_000)
        {
            return false;
        }

        budget = TimeSpan.FromTicks(nanoseconds / TimeSpan.NanosecondsPerTick);
        return true;
    }

    /// <summary>As a reader writes it: 5s, 1.5s, 250ms.</summary>
    public static string Format(TimeSpan budget) => budget.TotalSeconds >= 1
        ? budget.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
        : budget.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
