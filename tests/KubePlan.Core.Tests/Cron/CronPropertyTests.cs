using FsCheck.Xunit;
using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

public class CronPropertyTests
{
    private static readonly string[] Items = ["*", "?", "*/2", "*/7", "1-5", "3/10", "0", "5", "10-20/3", "1,15", "mon-fri", "jan", "", ","];

    // The parser never throws, whatever it is given (DESIGN: no input may crash the tool).
    [Property(MaxTest = 500)]
    public bool Parse_NeverThrows(string? input)
    {
        var result = KubernetesCronParser.Parse(input ?? string.Empty);
        return result.IsValid != (result.Error is not null);
    }

    // For every schedule that parses, the Cronos translation and the robfig port agree in UTC.
    [Property(MaxTest = 200)]
    public bool Cronos_AgreesWithRobfigPort_OnRandomSchedules(int seed)
    {
        var random = new Random(seed);
        var fields = Enumerable.Range(0, 5).Select(_ => Items[random.Next(Items.Length)]);
        var parsed = KubernetesCronParser.Parse(string.Join(' ', fields.Select(f => f.Length == 0 ? "*" : f))).Schedule;
        if (parsed is null)
        {
            return true;
        }

        var from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 2_000_000));
        for (var i = 0; i < 10; i++)
        {
            var port = RobfigNext.Next(parsed, from, TimeZoneInfo.Utc);
            if (port != CronOccurrences.NextWithCronos(parsed, from, TimeZoneInfo.Utc))
            {
                return false;
            }

            if (port is null)
            {
                return true;
            }

            from = port.Value;
        }

        return true;
    }
}
