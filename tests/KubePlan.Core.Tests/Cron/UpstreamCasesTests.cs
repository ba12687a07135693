using System.Globalization;
using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

/// <summary>
/// The cases of upstream's own tests that apply to what Kubernetes uses: robfig/cron v3.0.1
/// <c>ParseStandard</c> (five fields, descriptors, <c>@every</c>, <c>TZ=</c>/<c>CRON_TZ=</c>) and
/// <c>SpecSchedule.Next</c>, plus the schedule and time zone facts of Kubernetes' validation and CronJob
/// controller tests. Each group names the upstream test it pins.
/// </summary>
/// <remarks>
/// Not carried over, because they exercise parser options Kubernetes never uses: parser_test.go
/// <c>TestOptionalSecondSchedule</c>, <c>TestNormalizeFields</c>, <c>TestNormalizeFields_Errors</c>,
/// <c>TestNoDescriptorParser</c>, the six-field rows of <c>TestParseSchedule</c> and
/// <c>TestParseScheduleErrors</c>' "expected 5 to 6 fields" row (seconds parser). spec_test.go
/// <c>TestNext</c> runs on the seconds parser: rows whose seconds field is <c>0</c> are kept with that field
/// dropped (the standard parser fixes seconds to 0, so the schedule is the same), rows with another seconds
/// value (<c>15/35 ...</c>) are left out. Times upstream reads in <c>time.Local</c> are read as UTC here (July
/// 2012 and the other dates involved have no transition in UTC, and the schedule runs in the time's own zone).
/// </remarks>
public class UpstreamCasesTests
{
    private static readonly TimeZoneInfo NewYork = Zone("America/New_York");

    // ---- robfig/cron v3.0.1 parser_test.go TestRange: one range in a field, its bits or its error ----

    [Theory]
    [InlineData("5", CronField.Minute, "5")]
    [InlineData("0", CronField.Minute, "0")]
    [InlineData("7", CronField.Minute, "7")]
    [InlineData("5-5", CronField.Minute, "5")]
    [InlineData("5-6", CronField.Minute, "5,6")]
    [InlineData("5-7", CronField.Minute, "5,6,7")]
    [InlineData("5-6/2", CronField.Minute, "5")]
    [InlineData("5-7/2", CronField.Minute, "5,7")]
    [InlineData("5-7/1", CronField.Minute, "5,6,7")]
    [InlineData("*", CronField.DayOfWeek, "0,1,2,3,4,5,6")]
    [InlineData("*/2", CronField.DayOfWeek, "0,2,4,6")]
    public void Range_Bits(string range, CronField field, string values)
    {
        var schedule = ParseOk(InField(range, field));
        Assert.Equal(values, string.Join(',', schedule.Values(field)));
    }

    // TestRange: "*" sets the star bit, "*/2" (step above 1) does not; that mark drives the day rule.
    [Theory]
    [InlineData("* * * * *", true)]
    [InlineData("* * * * */2", false)]
    [InlineData("* * * * */1", true)]
    [InlineData("* * * * ?", true)]
    public void Range_StarMark(string schedule, bool star) =>
        Assert.Equal(star, ParseOk(schedule).DayOfWeekStar);

    // TestRange error rows. Upstream uses bounds of its own (0-0, 1-5, 3-5); each row is placed in a real
    // field with the same failing property, and the full robfig message is checked.
    [Theory]
    [InlineData("5--5 * * * *", "too many hyphens: 5--5")]
    [InlineData("* * * jan-x *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("2-x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("*/-12 * * * *", "negative number (-12) not allowed: -12")]
    [InlineData("*//2 * * * *", "too many slashes: *//2")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("* 24 * * *", "end of range (24) above maximum (23): 24")]
    [InlineData("* * * * 5-3", "beginning of range (5) beyond end of range (3): 5-3")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    public void Range_Errors(string schedule, string message) => Assert.Equal(message, ParseError(schedule));

    // ---- parser_test.go TestField: a comma list is the union of its ranges ----

    [Theory]
    [InlineData("5", "5")]
    [InlineData("5,6", "5,6")]
    [InlineData("5,6,7", "5,6,7")]
    [InlineData("1,5-7/2,3", "1,3,5,7")]
    public void Field_Union(string field, string values) =>
        Assert.Equal(values, string.Join(',', ParseOk(InField(field, CronField.Minute)).Values(CronField.Minute)));

    // ---- parser_test.go TestAll: "*" sets every bit of the field's range ----

    [Theory]
    [InlineData(CronField.Minute, 0xfffffffffffffffUL)]
    [InlineData(CronField.Hour, 0xffffffUL)]
    [InlineData(CronField.DayOfMonth, 0xfffffffeUL)]
    [InlineData(CronField.Month, 0x1ffeUL)]
    [InlineData(CronField.DayOfWeek, 0x7fUL)]
    public void All_Bits(CronField field, ulong bits) => Assert.Equal(bits, ParseOk("* * * * *").Bits(field));

    // ---- parser_test.go TestParseSchedule (standard-parser rows, and the descriptor rows, which parse the
    // same with the standard parser) and TestStandardSpecSchedule ----

    [Theory]
    [InlineData("5 * * * *", null)]
    [InlineData("CRON_TZ=UTC  5 * * * *", "UTC")]
    public void ParseSchedule_EveryHourAtFive(string schedule, string? zone)
    {
        var parsed = ParseOk(schedule);
        Assert.Equal(zone, parsed.TimeZone);
        Assert.Equal(1UL << 5, parsed.Minutes);
        Assert.True(parsed.IsFull(CronField.Hour));
        Assert.True(parsed.IsFull(CronField.DayOfMonth));
        Assert.True(parsed.IsFull(CronField.Month));
        Assert.True(parsed.IsFull(CronField.DayOfWeek));
    }

    [Theory]
    [InlineData("@midnight", null)]
    [InlineData("TZ=UTC  @midnight", "UTC")]
    [InlineData("TZ=Asia/Tokyo @midnight", "Asia/Tokyo")]
    public void ParseSchedule_Midnight(string schedule, string? zone)
    {
        var parsed = ParseOk(schedule);
        Assert.Equal(zone, parsed.TimeZone);
        Assert.Equal(1UL, parsed.Minutes);
        Assert.Equal(1UL, parsed.Hours);
        Assert.True(parsed.IsFull(CronField.DayOfMonth) && parsed.DayOfMonthStar);
        Assert.True(parsed.IsFull(CronField.Month));
        Assert.True(parsed.IsFull(CronField.DayOfWeek) && parsed.DayOfWeekStar);
    }

    [Theory]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    public void ParseSchedule_Annual(string schedule)
    {
        var parsed = ParseOk(schedule);
        Assert.Equal(1UL, parsed.Minutes);
        Assert.Equal(1UL, parsed.Hours);
        Assert.Equal(1UL << 1, parsed.DaysOfMonth);
        Assert.Equal(1UL << 1, parsed.Months);
        Assert.True(parsed.IsFull(CronField.DayOfWeek) && parsed.DayOfWeekStar);
        Assert.False(parsed.DayOfMonthStar);
    }

    [Fact]
    public void ParseSchedule_EveryFiveMinutes()
    {
        var parsed = ParseOk("@every 5m");
        Assert.Equal(CronScheduleKind.Every, parsed.Kind);
        Assert.Equal(TimeSpan.FromMinutes(5), parsed.Interval);
    }

    // TestStandardSpecSchedule and TestParseScheduleErrors error rows (the latter's "* 5 j * * *" is the
    // seconds-parser form of "5 j * * *"). Upstream checks a substring; the whole v3.0.1 text is pinned here.
    [Theory]
    [InlineData("5 j * * *", "failed to parse int from j: strconv.Atoi: parsing \"j\": invalid syntax")]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("@every Xm", "failed to parse duration @every Xm: time: invalid duration \"Xm\"")]
    [InlineData("@unrecognized", "unrecognized descriptor: @unrecognized")]
    [InlineData("", "empty spec string")]
    public void ParseSchedule_Errors(string schedule, string message) => Assert.Equal(message, ParseError(schedule));

    // ---- spec_test.go TestErrors and TestSlash0NoHang (issue #144) ----

    [Theory]
    [InlineData("xyz", "expected exactly 5 fields, found 1: [xyz]")]
    [InlineData("60 0 * * *", "end of range (60) above maximum (59): 60")]
    [InlineData("0 60 * * *", "end of range (60) above maximum (23): 60")]
    [InlineData("0 0 * * XYZ", "failed to parse int from XYZ: strconv.Atoi: parsing \"XYZ\": invalid syntax")]
    [InlineData("TZ=America/New_York 15/0 * * * *", "step of range should be a positive number: 15/0")]
    public void SpecErrors(string schedule, string message) => Assert.Equal(message, ParseError(schedule));

    // An earlier upstream revision of spec_test.go TestErrors (not in v3.0.1) also listed these; they apply
    // to the standard parser unchanged ("* * * 0-5 * *", six fields, is left out).
    [Theory]
    [InlineData("TZ=Bogus * * * * *", "provided bad location Bogus: unknown time zone Bogus")]
    [InlineData("0-0-0 * * * *", "too many hyphens: 0-0-0")]
    [InlineData("*/5/5 * * * *", "too many slashes: */5/5")]
    [InlineData("59-2 * * * *", "beginning of range (59) beyond end of range (2): 59-2")]
    public void SpecErrors_EarlierRevision(string schedule, string message) => Assert.Equal(message, ParseError(schedule));

    // ---- spec_test.go TestActivation: Next(t - 1s) == t exactly when the schedule fires at t ----

    [Theory]
    [InlineData("2012-07-09T15:00", "0/15 * * * *", true)]
    [InlineData("2012-07-09T15:45", "0/15 * * * *", true)]
    [InlineData("2012-07-09T15:40", "0/15 * * * *", false)]
    [InlineData("2012-07-09T15:05", "5/15 * * * *", true)]
    [InlineData("2012-07-09T15:20", "5/15 * * * *", true)]
    [InlineData("2012-07-09T15:50", "5/15 * * * *", true)]
    [InlineData("2012-07-15T15:00", "0/15 * * Jul *", true)]
    [InlineData("2012-07-15T15:00", "0/15 * * Jun *", false)]
    [InlineData("2012-07-15T08:30", "30 08 ? Jul Sun", true)]
    [InlineData("2012-07-15T08:30", "30 08 15 Jul ?", true)]
    [InlineData("2012-07-16T08:30", "30 08 ? Jul Sun", false)]
    [InlineData("2012-07-16T08:30", "30 08 15 Jul ?", false)]
    [InlineData("2012-07-09T15:00", "@hourly", true)]
    [InlineData("2012-07-09T15:04", "@hourly", false)]
    [InlineData("2012-07-09T15:00", "@daily", false)]
    [InlineData("2012-07-09T00:00", "@daily", true)]
    [InlineData("2012-07-09T00:00", "@weekly", false)]
    [InlineData("2012-07-08T00:00", "@weekly", true)]
    [InlineData("2012-07-08T01:00", "@weekly", false)]
    [InlineData("2012-07-08T00:00", "@monthly", false)]
    [InlineData("2012-07-01T00:00", "@monthly", true)]

    // Both day fields restricted: either may match.
    [InlineData("2012-07-15T00:00", "* * 1,15 * Sun", true)]
    [InlineData("2012-06-15T00:00", "* * 1,15 * Sun", true)]
    [InlineData("2012-08-01T00:00", "* * 1,15 * Sun", true)]
    [InlineData("2012-07-15T00:00", "* * */10 * Sun", true)] // robfig issue #70

    // One day field starred: both must match.
    [InlineData("2012-07-15T00:00", "* * * * Mon", false)]
    [InlineData("2012-07-09T00:00", "* * 1,15 * *", false)]
    [InlineData("2012-07-15T00:00", "* * 1,15 * *", true)]
    [InlineData("2012-07-15T00:00", "* * */2 * Sun", true)]
    public void Activation(string at, string schedule, bool fires)
    {
        var time = new DateTimeOffset(DateTime.Parse(at, CultureInfo.InvariantCulture), TimeSpan.Zero);
        var next = CronOccurrences.Next(ParseOk(schedule), time.AddSeconds(-1), TimeZoneInfo.Utc);
        Assert.Equal(fires, next == time);
    }

    // ---- spec_test.go TestNext, rows without a zone (read in UTC), seconds field 0 dropped ----

    [Theory]
    [InlineData("2012-07-09T14:45:00", "0/15 * * * *", "2012-07-09T15:00:00+00:00")]
    [InlineData("2012-07-09T14:59:00", "0/15 * * * *", "2012-07-09T15:00:00+00:00")]
    [InlineData("2012-07-09T14:59:59", "0/15 * * * *", "2012-07-09T15:00:00+00:00")]

    // Wrap around hours.
    [InlineData("2012-07-09T15:45:00", "20-35/15 * * * *", "2012-07-09T16:20:00+00:00")]

    // Wrap around days.
    [InlineData("2012-07-09T23:46:00", "*/15 * * * *", "2012-07-10T00:00:00+00:00")]
    [InlineData("2012-07-09T23:45:00", "20-35/15 * * * *", "2012-07-10T00:20:00+00:00")]

    // Wrap around months.
    [InlineData("2012-07-09T23:35:00", "0 0 9 Apr-Oct ?", "2012-08-09T00:00:00+00:00")]
    [InlineData("2012-07-09T23:35:00", "0 0 */5 Apr,Aug,Oct Mon", "2012-08-01T00:00:00+00:00")]
    [InlineData("2012-07-09T23:35:00", "0 0 */5 Oct Mon", "2012-10-01T00:00:00+00:00")]

    // Wrap around years.
    [InlineData("2012-07-09T23:35:00", "0 0 * Feb Mon", "2013-02-04T00:00:00+00:00")]
    [InlineData("2012-07-09T23:35:00", "0 0 * Feb Mon/2", "2013-02-01T00:00:00+00:00")]

    // Wrap around minute, hour, day, month and year.
    [InlineData("2012-12-31T23:59:45", "* * * * *", "2013-01-01T00:00:00+00:00")]

    // Leap year.
    [InlineData("2012-07-09T23:35:00", "0 0 29 Feb ?", "2016-02-29T00:00:00+00:00")]

    // Unsatisfiable: no run within five years, robfig's zero time.
    [InlineData("2012-07-09T23:35:00", "0 0 30 Feb ?", null)]
    [InlineData("2012-07-09T23:35:00", "0 0 31 Apr ?", null)]
    public void Next_Utc(string after, string schedule, string? expected)
    {
        var from = new DateTimeOffset(DateTime.Parse(after, CultureInfo.InvariantCulture), TimeSpan.Zero);
        Assert.Equal(expected, Format(CronOccurrences.Next(ParseOk(schedule), from, TimeZoneInfo.Utc)));
        Assert.Equal(expected, Format(Port(ParseOk(schedule), from, TimeZoneInfo.Utc)));
    }

    // ---- spec_test.go TestNext, daylight saving time in America/New_York, the zone named by a TZ= or
    // CRON_TZ= prefix (the zone passed in is UTC and must lose) ----

    [Theory]

    // 2am EST (-5) -> 3am EDT (-4).
    [InlineData("2012-03-11T00:00:00-05:00", "TZ=America/New_York 30 2 11 Mar ?", "2013-03-11T02:30:00-04:00")]

    // Hourly job.
    [InlineData("2012-03-11T00:00:00-05:00", "TZ=America/New_York 0 * * * ?", "2012-03-11T01:00:00-05:00")]
    [InlineData("2012-03-11T01:00:00-05:00", "TZ=America/New_York 0 * * * ?", "2012-03-11T03:00:00-04:00")]
    [InlineData("2012-03-11T03:00:00-04:00", "TZ=America/New_York 0 * * * ?", "2012-03-11T04:00:00-04:00")]
    [InlineData("2012-03-11T04:00:00-04:00", "TZ=America/New_York 0 * * * ?", "2012-03-11T05:00:00-04:00")]

    // Hourly job using CRON_TZ.
    [InlineData("2012-03-11T00:00:00-05:00", "CRON_TZ=America/New_York 0 * * * ?", "2012-03-11T01:00:00-05:00")]
    [InlineData("2012-03-11T01:00:00-05:00", "CRON_TZ=America/New_York 0 * * * ?", "2012-03-11T03:00:00-04:00")]
    [InlineData("2012-03-11T03:00:00-04:00", "CRON_TZ=America/New_York 0 * * * ?", "2012-03-11T04:00:00-04:00")]
    [InlineData("2012-03-11T04:00:00-04:00", "CRON_TZ=America/New_York 0 * * * ?", "2012-03-11T05:00:00-04:00")]

    // 1am nightly job.
    [InlineData("2012-03-11T00:00:00-05:00", "TZ=America/New_York 0 1 * * ?", "2012-03-11T01:00:00-05:00")]
    [InlineData("2012-03-11T01:00:00-05:00", "TZ=America/New_York 0 1 * * ?", "2012-03-12T01:00:00-04:00")]

    // 2am nightly job: skipped on the spring-forward day.
    [InlineData("2012-03-11T00:00:00-05:00", "TZ=America/New_York 0 2 * * ?", "2012-03-12T02:00:00-04:00")]

    // 2am EDT (-4) -> 1am EST (-5).
    [InlineData("2012-11-04T00:00:00-04:00", "TZ=America/New_York 30 2 04 Nov ?", "2012-11-04T02:30:00-05:00")]
    [InlineData("2012-11-04T01:45:00-04:00", "TZ=America/New_York 30 1 04 Nov ?", "2012-11-04T01:30:00-05:00")]

    // Hourly job.
    [InlineData("2012-11-04T00:00:00-04:00", "TZ=America/New_York 0 * * * ?", "2012-11-04T01:00:00-04:00")]
    [InlineData("2012-11-04T01:00:00-04:00", "TZ=America/New_York 0 * * * ?", "2012-11-04T01:00:00-05:00")]
    [InlineData("2012-11-04T01:00:00-05:00", "TZ=America/New_York 0 * * * ?", "2012-11-04T02:00:00-05:00")]

    // 1am nightly job: runs twice.
    [InlineData("2012-11-04T00:00:00-04:00", "TZ=America/New_York 0 1 * * ?", "2012-11-04T01:00:00-04:00")]
    [InlineData("2012-11-04T01:00:00-04:00", "TZ=America/New_York 0 1 * * ?", "2012-11-04T01:00:00-05:00")]
    [InlineData("2012-11-04T01:00:00-05:00", "TZ=America/New_York 0 1 * * ?", "2012-11-05T01:00:00-05:00")]

    // 2am nightly job.
    [InlineData("2012-11-04T00:00:00-04:00", "TZ=America/New_York 0 2 * * ?", "2012-11-04T02:00:00-05:00")]
    [InlineData("2012-11-04T02:00:00-05:00", "TZ=America/New_York 0 2 * * ?", "2012-11-05T02:00:00-05:00")]

    // 3am nightly job.
    [InlineData("2012-11-04T00:00:00-04:00", "TZ=America/New_York 0 3 * * ?", "2012-11-04T03:00:00-05:00")]
    [InlineData("2012-11-04T03:00:00-05:00", "TZ=America/New_York 0 3 * * ?", "2012-11-05T03:00:00-05:00")]

    // DST making midnight not exist (robfig issue #157). Expected times are upstream's, in their offsets;
    // the result carries Sao Paulo's own offset, hence the conversion in the assertion.
    [InlineData("2018-10-17T05:00:00-04:00", "TZ=America/Sao_Paulo 0 9 10 * ?", "2018-11-10T06:00:00-05:00")]
    [InlineData("2018-02-14T05:00:00-05:00", "TZ=America/Sao_Paulo 0 9 22 * ?", "2018-02-22T07:00:00-05:00")]
    public void Next_DaylightSaving_ZoneInSchedule(string after, string schedule, string expected)
    {
        var parsed = ParseOk(schedule);
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture);
        var want = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);
        var next = CronOccurrences.Next(parsed, from, TimeZoneInfo.Utc);
        Assert.NotNull(next);
        Assert.Equal(want.UtcDateTime, next.Value.UtcDateTime);
        var zone = Zone(parsed.TimeZone!);
        Assert.Equal(zone.GetUtcOffset(want.UtcDateTime), next.Value.Offset);
    }

    // ---- spec_test.go TestNext, the rows whose reference time is in America/New_York and whose schedule
    // names no zone: robfig then runs the schedule in the time's zone, which is the zone passed in here ----

    [Theory]
    [InlineData("2012-11-04T00:00:00-04:00", "0 * * * ?", "2012-11-04T01:00:00-04:00")]
    [InlineData("2012-11-04T01:00:00-04:00", "0 * * * ?", "2012-11-04T01:00:00-05:00")]
    [InlineData("2012-11-04T01:00:00-05:00", "0 * * * ?", "2012-11-04T02:00:00-05:00")]
    [InlineData("2012-11-04T00:00:00-04:00", "0 1 * * ?", "2012-11-04T01:00:00-04:00")]
    [InlineData("2012-11-04T01:00:00-04:00", "0 1 * * ?", "2012-11-04T01:00:00-05:00")]
    [InlineData("2012-11-04T01:00:00-05:00", "0 1 * * ?", "2012-11-05T01:00:00-05:00")]
    [InlineData("2012-11-04T00:00:00-04:00", "0 2 * * ?", "2012-11-04T02:00:00-05:00")]
    [InlineData("2012-11-04T02:00:00-05:00", "0 2 * * ?", "2012-11-05T02:00:00-05:00")]
    [InlineData("2012-11-04T00:00:00-04:00", "0 3 * * ?", "2012-11-04T03:00:00-05:00")]
    [InlineData("2012-11-04T03:00:00-05:00", "0 3 * * ?", "2012-11-05T03:00:00-05:00")]

    // Monthly job.
    [InlineData("2012-11-04T00:00:00-04:00", "0 3 3 * ?", "2012-12-03T03:00:00-05:00")]
    public void Next_DaylightSaving_ZonePassedIn(string after, string schedule, string expected)
    {
        Assert.False(CronOccurrences.UsesCronos(NewYork));
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture);
        Assert.Equal(expected, Format(CronOccurrences.Next(ParseOk(schedule), from, NewYork)));
    }

    // ---- spec_test.go TestNextWithTz: a reference time with a fixed +05:30 offset and no zone in the
    // schedule; the schedule runs at 14:14 in that offset. Checked on both paths (Cronos, robfig port). ----

    [Theory]
    [InlineData("2016-01-03T13:09:03+05:30", "14 14 * * *", "2016-01-03T14:14:00+05:30")]
    [InlineData("2016-01-03T04:09:03+05:30", "14 14 * * ?", "2016-01-03T14:14:00+05:30")]
    [InlineData("2016-01-03T14:09:03+05:30", "14 14 * * *", "2016-01-03T14:14:00+05:30")]
    [InlineData("2016-01-03T14:00:00+05:30", "14 14 * * ?", "2016-01-03T14:14:00+05:30")]
    public void NextWithTz_FixedOffset(string after, string schedule, string expected)
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+05:30", TimeSpan.FromMinutes(330), "UTC+05:30", "UTC+05:30");
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture);
        Assert.True(CronOccurrences.UsesCronos(zone));
        Assert.Equal(expected, Format(CronOccurrences.Next(ParseOk(schedule), from, zone)));
        Assert.Equal(expected, Format(Port(ParseOk(schedule), from, zone)));
    }

    // ---- Kubernetes pkg/controller/cronjob/utils_test.go TestMostRecentScheduleTime and
    // TestNextScheduleTimeDuration: the next-run facts they rest on. "Top of the hour" is
    // 2016-05-19T10:00:00Z, a Thursday; the controller runs in UTC. ----

    [Theory]

    // "now before next schedule": hourly, 30 s after the top of the hour.
    [InlineData("0 * * * *", "2016-05-19T10:00:30Z", "2016-05-19T11:00:00+00:00")]

    // "complex schedule": after Thursday 10:30 the weekday 06:30/10:30/14:30 runs continue at 14:30, then
    // Friday 06:30 and 10:30 (the "most recent" one at +24h30m).
    [InlineData("30 6-16/4 * * 1-5", "2016-05-19T10:30:00Z", "2016-05-19T14:30:00+00:00,2016-05-20T06:30:00+00:00,2016-05-20T10:30:00+00:00")]

    // "complex schedule skipping weekend": from Friday 10:31 the next run is 3h59m later.
    [InlineData("30 6-16/4 * * 1-5", "2016-05-20T10:31:00Z", "2016-05-20T14:30:00+00:00")]

    // "another complex schedule skipping weekend": from Friday 16:30 the next run is 66 h later, Monday.
    [InlineData("30 10,11,12 * * 1-5", "2016-05-20T16:30:00Z", "2016-05-23T10:30:00+00:00")]

    // "once a week cronjob, missed two runs": from Tuesday 2016-06-07 11:30, 48h30m to Thursday noon.
    [InlineData("0 12 * * 4", "2016-06-07T11:30:00Z", "2016-06-09T12:00:00+00:00")]

    // "no previous run of a cronjob": from Thursday 16:00, 20 h to Friday noon.
    [InlineData("0 12 * * 5", "2016-05-19T16:00:00Z", "2016-05-20T12:00:00+00:00")]

    // "earliestTime being LastScheduleTime": every five minutes after 10:30.
    [InlineData("*/5 * * * *", "2016-05-19T10:30:00Z", "2016-05-19T10:35:00+00:00")]

    // "@every schedule": one interval after the last run at 10:01.
    [InlineData("@every 1h", "2016-05-19T10:01:00Z", "2016-05-19T11:01:00+00:00,2016-05-19T12:01:00+00:00")]
    public void Controller_NextRuns(string schedule, string after, string expected)
    {
        var from = DateTimeOffset.Parse(after, CultureInfo.InvariantCulture);
        var runs = CronOccurrences.NextRuns(ParseOk(schedule), from, TimeZoneInfo.Utc, expected.Split(',').Length);
        Assert.Equal(expected, string.Join(',', runs.Select(r => Format(r))));
    }

    // utils_test.go "rogue cronjob": 23:59 on 31 February never comes; the controller reports an error.
    [Fact]
    public void Controller_RogueSchedule_NeverRuns()
    {
        var parsed = ParseOk("59 23 31 2 *");
        Assert.True(parsed.NeverRuns);
        Assert.Null(CronOccurrences.Next(parsed, DateTimeOffset.Parse("2016-05-19T10:00:10Z", CultureInfo.InvariantCulture), TimeZoneInfo.Utc));
    }

    // ---- Kubernetes pkg/apis/batch/validation/validation_test.go TestValidateCronJob: schedules used by
    // its success cases parse, "error" does not ----

    [Theory]
    [InlineData("* * * * ?", true)]
    [InlineData("0 * * * *", true)]
    [InlineData("error", false)]
    public void Validation_Schedules(string schedule, bool valid) =>
        Assert.Equal(valid, KubernetesCronParser.Parse(schedule).IsValid);

    // TestValidateCronJobScheduleTZ: "TZ=UTC 0 * * * *" parses, but is refused on create; on an update that
    // keeps it, adding spec.timeZone is refused with the other message.
    [Fact]
    public void Validation_TimeZoneInSchedule()
    {
        var result = KubernetesCronParser.Parse("TZ=UTC 0 * * * *");
        Assert.True(result.IsValid);
        Assert.Equal(
            ["cannot use TZ or CRON_TZ in schedule, use timeZone field instead"],
            result.KubernetesErrors(allowTimeZoneInSchedule: false, timeZoneFieldSet: false).Select(e => e.Message));
        Assert.Empty(result.KubernetesErrors(allowTimeZoneInSchedule: true, timeZoneFieldSet: false));
        Assert.Equal(
            ["cannot use both timeZone field and TZ or CRON_TZ in schedule"],
            result.KubernetesErrors(allowTimeZoneInSchedule: true, timeZoneFieldSet: true).Select(e => e.Message));
        Assert.Empty(KubernetesCronParser.Parse("0 * * * *").KubernetesErrors(allowTimeZoneInSchedule: false, timeZoneFieldSet: false));
    }

    // TestValidateCronJob time zone cases (the variables timeZoneEmpty ... timeZoneEmptySpace).
    [Theory]
    [InlineData("UTC", null)]
    [InlineData("Europe/Rome", null)]
    [InlineData("", "timeZone must be nil or non-empty string")]
    [InlineData("LOCAL", "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")]
    [InlineData(" Europe/Rome", "unknown time zone  Europe/Rome")]
    [InlineData("Europe/Rome ", "unknown time zone Europe/Rome ")]
    [InlineData("Europe/InvalidRome", "unknown time zone Europe/InvalidRome")]
    [InlineData(" ", "unknown time zone  ")]
    public void Validation_TimeZoneField(string zone, string? error) =>
        Assert.Equal(error, TimeZoneValidation.Validate(zone));

    private static string InField(string text, CronField field)
    {
        var fields = new[] { "*", "*", "*", "*", "*" };
        fields[(int)field] = text;
        return string.Join(' ', fields);
    }

    private static CronSchedule ParseOk(string schedule)
    {
        var result = KubernetesCronParser.Parse(schedule);
        Assert.True(result.IsValid, $"{schedule}: {result.Error?.Message}");
        return result.Schedule!;
    }

    private static string? ParseError(string schedule)
    {
        var result = KubernetesCronParser.Parse(schedule);
        Assert.False(result.IsValid, schedule);
        return result.Error!.Message;
    }

    private static DateTimeOffset? Port(CronSchedule schedule, DateTimeOffset from, TimeZoneInfo zone) =>
        RobfigNext.Next(schedule, from.UtcDateTime, zone) is { } utc
            ? TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), zone)
            : null;

    private static string? Format(DateTimeOffset? time) =>
        time?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static TimeZoneInfo Zone(string id) =>
        TimeZoneValidation.FindExact(id) ?? throw new InvalidOperationException($"tz database lacks {id}");
}
