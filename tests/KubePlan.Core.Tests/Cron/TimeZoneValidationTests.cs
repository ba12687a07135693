using KubePlan.Cron;

namespace KubePlan.Core.Tests.Cron;

public class TimeZoneValidationTests
{
    // timeZoneValidation: Kubernetes validation.go validateTimeZone and validation_test.go
    // TestValidateCronJob time zone cases; existence as Go's time.LoadLocation (case-sensitive).
    [Theory]
    [InlineData(null, null)]
    [InlineData("UTC", null)]
    [InlineData("America/New_York", null)]
    [InlineData("Europe/Berlin", null)]
    [InlineData("Etc/GMT+5", null)]
    [InlineData("America/Argentina/Buenos_Aires", null)]
    [InlineData("", "timeZone must be nil or non-empty string")]
    [InlineData("Local", "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")]
    [InlineData("lOcAl", "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")]
    [InlineData("utc", "unknown time zone utc")]
    [InlineData("america/new_york", "unknown time zone america/new_york")]
    [InlineData("Eastern Standard Time", "unknown time zone Eastern Standard Time")]
    [InlineData("Mars/Olympus_Mons", "unknown time zone Mars/Olympus_Mons")]
    [InlineData("America/Very_Long_Name_X", "unknown time zone America/Very_Long_Name_X")]
    [InlineData("../etc/passwd", "unknown time zone ../etc/passwd")]
    [InlineData("./UTC", "unknown time zone ./UTC")]
    [InlineData("-UTC", "unknown time zone -UTC")]
    [InlineData("America//New_York", "unknown time zone America//New_York")]
    [InlineData("UTC\n", "unknown time zone UTC\n")]
    [InlineData("Europe/Berlin ", "unknown time zone Europe/Berlin ")]
    public void Validate_TimeZone(string? zone, string? error)
    {
        Assert.Equal(error, TimeZoneValidation.Validate(zone));
    }

    // Without a tz database a well-formed name can't be judged: a distinct result, not an error.
    [Theory]
    [InlineData("America/New_York", TimeZoneValidationStatus.CannotCheck)]
    [InlineData("Local", TimeZoneValidationStatus.Invalid)]
    [InlineData("-x", TimeZoneValidationStatus.Invalid)]
    [InlineData(null, TimeZoneValidationStatus.Valid)]
    public void Check_WithoutDatabase(string? zone, TimeZoneValidationStatus status)
    {
        var result = TimeZoneValidation.Check(zone, _ => null, databaseAvailable: false);
        Assert.Equal(status, result.Status);
    }

    [Fact]
    public void FindExact_ResolvesIanaIdsOnThisMachine()
    {
        Assert.Equal("America/New_York", TimeZoneValidation.FindExact("America/New_York")?.Id);
        Assert.Null(TimeZoneValidation.FindExact("Eastern Standard Time"));
    }
}
