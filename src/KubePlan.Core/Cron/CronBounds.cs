namespace KubePlan.Cron;

/// <summary>Ranges and names of the five fields, as in robfig/cron v3.0.1 <c>spec.go</c>.</summary>
internal static class CronBounds
{
    internal static readonly IReadOnlyDictionary<string, int> MonthNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["may"] = 5, ["jun"] = 6,
        ["jul"] = 7, ["aug"] = 8, ["sep"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    internal static readonly IReadOnlyDictionary<string, int> DayNames = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["sun"] = 0, ["mon"] = 1, ["tue"] = 2, ["wed"] = 3, ["thu"] = 4, ["fri"] = 5, ["sat"] = 6,
    };

    internal static (int Min, int Max) Of(CronField field) => field switch
    {
        CronField.Minute => (0, 59),
        CronField.Hour => (0, 23),
        CronField.DayOfMonth => (1, 31),
        CronField.Month => (1, 12),
        CronField.DayOfWeek => (0, 6),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    internal static IReadOnlyDictionary<string, int>? NamesOf(CronField field) => field switch
    {
        CronField.Month => MonthNames,
        CronField.DayOfWeek => DayNames,
        _ => null,
    };

    /// <summary>robfig's <c>getBits</c>: every <paramref name="step"/>-th value from start to end.</summary>
    internal static ulong Bits(long start, long end, long step)
    {
        ulong bits = 0;
        for (var i = start; i <= end; i += step)
        {
            bits |= 1UL << (int)i;
            if (step > end - i)
            {
                break;
            }
        }

        return bits;
    }
}
