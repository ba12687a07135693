using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

public class KubernetesCronParserTests
{
    // cronValid: schedules robfig/cron v3.0.1 ParseStandard accepts (parser_test.go TestParseSchedule,
    // TestStandardSpecSchedule; Kubernetes validation_test.go TestValidateCronJob valid cases).
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 0 * * *")]
    [InlineData("*/15 9-17 * * 1-5")]
    [InlineData("5 * * * *")]
    [InlineData("0 0 1,15 * MON")]
    [InlineData("0 0 * * mon-fri")]
    [InlineData("0 0 * JAN-dec sun")]
    [InlineData("0 0 * * SaT")]
    [InlineData("? ? ? ? ?")]
    [InlineData("0 0 ? * ?")]
    [InlineData("1,,2 * * * *")]
    [InlineData(",5, * * * *")]
    [InlineData("05 +5 * * *")]
    [InlineData("-0/5 * * * *", false)]
    [InlineData("*/61 * * * *")]
    [InlineData("5/15 * * * *")]
    [InlineData("0-59/1 0-23 1-31 1-12 0-6")]
    [InlineData("59 23 31 12 6")]
    [InlineData("*-5 * * * *")]
    [InlineData("  0 0 * * *  ")]
    [InlineData("0\t0\t*\t*\t*")]
    [InlineData("0 0 * * */+2")]
    [InlineData("0 0 * * 0/1")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@monthly")]
    [InlineData("@weekly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@hourly")]
    [InlineData("@every 1h30m")]
    [InlineData("@every 5m")]
    [InlineData("@every 1.5h")]
    [InlineData("@every 100ms")]
    [InlineData("@every -1s")]
    [InlineData("@every 0")]
    [InlineData("@every 1\u00B5s")]
    [InlineData("@every 1h1m1s1ms1us1ns")]
    [InlineData("@every .5s")]
    [InlineData("@every 5.s")]
    [InlineData("TZ=UTC 0 0 * * *")]
    [InlineData("CRON_TZ=America/New_York 0 0 * * *")]
    [InlineData("TZ=Europe/Berlin @daily")]
    [InlineData("TZ= 0 0 * * *")]
    public void Parse_Accepts_CronValid(string schedule, bool valid = true)
    {
        var result = KubernetesCronParser.Parse(schedule);
        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid, result.Error is null);
    }

    // cronInvalid: rejected by v3.0.1 ParseStandard, with its message (parser_test.go TestParseScheduleErrors;
    // Kubernetes validation_test.go TestValidateCronJob "spec.schedule" invalid cases).
    [Theory]
    [InlineData("", "empty spec string", 0, 0)]
    [InlineData("   ", "expected exactly 5 fields, found 0: []", 0, 3)]
    [InlineData("0 0 * * * *", "expected exactly 5 fields, found 6: [0 0 * * * *]", 0, 11)]
    [InlineData("0 0 * * * 2024", "expected exactly 5 fields, found 6: [0 0 * * * 2024]", 0, 14)]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]", 0, 7)]
    [InlineData("0-60 * * * *", "end of range (60) above maximum (59): 0-60", 0, 4)]
    [InlineData("60 * * * *", "end of range (60) above maximum (59): 60", 0, 2)]
    [InlineData("0 24 * * *", "end of range (24) above maximum (23): 24", 2, 2)]
    [InlineData("0 0 0 * *", "beginning of range (0) below minimum (1): 0", 4, 1)]
    [InlineData("0 0 32 * *", "end of range (32) above maximum (31): 32", 4, 2)]
    [InlineData("0 0 * 0 *", "beginning of range (0) below minimum (1): 0", 6, 1)]
    [InlineData("0 0 * 13 *", "end of range (13) above maximum (12): 13", 6, 2)]
    [InlineData("0 0 * * 5-3", "beginning of range (5) beyond end of range (3): 5-3", 8, 3)]
    [InlineData("0 0 * * */0", "step of range should be a positive number: */0", 8, 3)]
    [InlineData("0 0 * * 1-2-3", "too many hyphens: 1-2-3", 8, 5)]
    [InlineData("0 0 * * */2/3", "too many slashes: */2/3", 8, 5)]
    [InlineData("-5 * * * *", "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax", 0, 2)]
    [InlineData("*/-5 * * * *", "negative number (-5) not allowed: -5", 0, 4)]
    [InlineData("5- * * * *", "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax", 0, 2)]
    [InlineData("99999999999999999999 * * * *", "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range", 0, 20)]
    [InlineData("1_0 * * * *", "failed to parse int from 1_0: strconv.Atoi: parsing \"1_0\": invalid syntax", 0, 3)]
    [InlineData("0 0 L * *", "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax", 4, 1)]
    [InlineData("0 0 15W * *", "failed to parse int from 15W: strconv.Atoi: parsing \"15W\": invalid syntax", 4, 3)]
    [InlineData("0 0 * * 5#3", "failed to parse int from 5#3: strconv.Atoi: parsing \"5#3\": invalid syntax", 8, 3)]
    [InlineData("H * * * *", "failed to parse int from H: strconv.Atoi: parsing \"H\": invalid syntax", 0, 1)]
    [InlineData("0 0 * * mon-fry", "failed to parse int from fry: strconv.Atoi: parsing \"fry\": invalid syntax", 8, 7)]
    [InlineData("0 0 * january *", "failed to parse int from january: strconv.Atoi: parsing \"january\": invalid syntax", 6, 7)]
    [InlineData("0 0 mon * *", "failed to parse int from mon: strconv.Atoi: parsing \"mon\": invalid syntax", 4, 3)]
    [InlineData("@reboot", "unrecognized descriptor: @reboot", 0, 7)]
    [InlineData("@HOURLY", "unrecognized descriptor: @HOURLY", 0, 7)]
    [InlineData("@daily ", "unrecognized descriptor: @daily ", 0, 7)]
    [InlineData(" @daily", "expected exactly 5 fields, found 1: [@daily]", 1, 6)]
    [InlineData("@every 1d", "failed to parse duration @every 1d: time: unknown unit \"d\" in duration \"1d\"", 0, 9)]
    [InlineData("@every 1", "failed to parse duration @every 1: time: missing unit in duration \"1\"", 0, 8)]
    [InlineData("@every ", "failed to parse duration @every : time: invalid duration \"\"", 0, 7)]
    [InlineData("@every .s", "failed to parse duration @every .s: time: invalid duration \".s\"", 0, 9)]
    [InlineData("@every 1h 30m", "failed to parse duration @every 1h 30m: time: unknown unit \"h \" in duration \"1h 30m\"", 0, 13)]
    [InlineData("@every 9999999999h", "failed to parse duration @every 9999999999h: time: invalid duration \"9999999999h\"", 0, 18)]
    [InlineData("@every", "unrecognized descriptor: @every", 0, 6)]
    public void Parse_Rejects_CronInvalid(string schedule, string message, int offset, int length)
    {
        var result = KubernetesCronParser.Parse(schedule);
        Assert.False(result.IsValid);
        Assert.Equal(new CronParseError(message, offset, length), result.Error);
    }

    [Fact]
    public void Parse_Rejects_DayOfWeekSeven()
    {
        var result = KubernetesCronParser.Parse("0 0 * * 7");
        Assert.Equal("end of range (7) above maximum (6): 7", result.Error?.Message);
        Assert.Equal(8, result.Error?.Offset);
    }

    // Bitsets (parser_test.go TestRange, TestField, TestBits): star mark, steps, "a/step", step beyond range.
    [Theory]
    [InlineData("*/61 * * * *", CronField.Minute, "0")]
    [InlineData("5/15 * * * *", CronField.Minute, "5,20,35,50")]
    [InlineData("5-20/5 * * * *", CronField.Minute, "5,10,15,20")]
    [InlineData("1,,2 * * * *", CronField.Minute, "1,2")]
    [InlineData(", * * * *", CronField.Minute, "")]
    [InlineData("05 +5 * * *", CronField.Hour, "5")]
    [InlineData("0 0 * JAN,mar-May *", CronField.Month, "1,3,4,5")]
    [InlineData("0 0 * * */2", CronField.DayOfWeek, "0,2,4,6")]
    [InlineData("0 0 * * sun/3", CronField.DayOfWeek, "0,3,6")]
    [InlineData("0 0 */10 * *", CronField.DayOfMonth, "1,11,21,31")]
    [InlineData("*-5 * * * *", CronField.Minute, "0-59")]
    public void Parse_Computes_FieldValues(string schedule, CronField field, string expected)
    {
        var schedule1 = KubernetesCronParser.Parse(schedule).Schedule!;
        Assert.Equal(Expand(expected), schedule1.Values(field));
    }

    // spec.go dayMatches: star mark per day field; a step above 1 clears it.
    [Theory]
    [InlineData("0 0 * * *", true, true)]
    [InlineData("0 0 ? * 1", true, false)]
    [InlineData("0 0 */1 * 1", true, false)]
    [InlineData("0 0 */2 * *", false, true)]
    [InlineData("0 0 1-31 * 1", false, false)]
    [InlineData("0 0 *,1 * 1", true, false)]
    [InlineData("@weekly", true, false)]
    [InlineData("@monthly", false, true)]
    public void Parse_Marks_DayStars(string schedule, bool domStar, bool dowStar)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        Assert.Equal(domStar, parsed.DayOfMonthStar);
        Assert.Equal(dowStar, parsed.DayOfWeekStar);
    }

    // parser.go parseDescriptor + constantdelay.go Every: < 1s becomes 1s, truncated to whole seconds.
    [Theory]
    [InlineData("@every 1h30m", 5400)]
    [InlineData("@every 1.5s", 1)]
    [InlineData("@every 100ms", 1)]
    [InlineData("@every -5m", 1)]
    [InlineData("@every 0", 1)]
    [InlineData("@every 90s", 90)]
    [InlineData("@every 2h45m30.9s", 9930)]
    public void Parse_Every_Interval(string schedule, int seconds)
    {
        var parsed = KubernetesCronParser.Parse(schedule).Schedule!;
        Assert.Equal(CronScheduleKind.Every, parsed.Kind);
        Assert.Equal(TimeSpan.FromSeconds(seconds), parsed.Interval);
    }

    // cronJobScheduleTZ: validation.go validateScheduleFormat (PR 116252, 1.29+), parser.go TZ prefix.
    [Theory]
    [InlineData("TZ=UTC 0 0 * * *", true, "UTC")]
    [InlineData("CRON_TZ=Europe/Berlin 0 0 * * *", true, "Europe/Berlin")]
    [InlineData("TZ=UTC    @hourly", true, "UTC")]
    [InlineData("TZ=UTC", false, null)]
    [InlineData("TZ=UTC\t0 0 * * *", false, null)]
    [InlineData("TZ=Mars/Olympus 0 0 * * *", false, null)]
    [InlineData("TZ=utc 0 0 * * *", false, null)]
    public void Parse_TimeZonePrefix(string schedule, bool valid, string? zone)
    {
        var result = KubernetesCronParser.Parse(schedule);
        Assert.Equal(valid, result.IsValid);
        Assert.True(result.ContainsTimeZone);
        Assert.Equal(zone, result.Schedule?.TimeZone);
        Assert.Contains(
            result.KubernetesErrors(allowTimeZoneInSchedule: false, timeZoneFieldSet: false),
            e => e.Message == CronParseResult.TimeZoneInScheduleRejected);
    }

    [Theory]
    [InlineData("TZ=UTC 0 0 * * *", true, true, CronParseResult.TimeZoneInScheduleAndField)]
    [InlineData("TZ=UTC 0 0 * * *", true, false, null)]
    [InlineData("TZ=UTC 0 0 * * *", false, false, CronParseResult.TimeZoneInScheduleRejected)]
    [InlineData("0 0 * * *", false, true, null)]
    public void KubernetesErrors_TimeZoneRules(string schedule, bool allow, bool field, string? expected)
    {
        var errors = KubernetesCronParser.Parse(schedule).KubernetesErrors(allow, field);
        Assert.Equal(expected, errors.SingleOrDefault()?.Message);
    }

    [Fact]
    public void Parse_Rejects_PanickingTimeZonePrefix_WithWholeSpan()
    {
        var error = KubernetesCronParser.Parse("TZ=UTC").Error!;
        Assert.Equal((0, 6), (error.Offset, error.Length));
    }

    internal static int[] Expand(string list) =>
        list.Length == 0
            ? []
            : list.Split(',').SelectMany(part =>
            {
                var ends = part.Split('-').Select(int.Parse).ToArray();
                return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
            }).ToArray();
}
