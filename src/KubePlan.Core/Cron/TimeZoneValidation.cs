using System.Text.RegularExpressions;

namespace KubePlan.Cron;

/// <summary>
/// <c>spec.timeZone</c> validation as in Kubernetes <c>validateTimeZone</c>
/// (<c>pkg/apis/batch/validation/validation.go</c>), against this machine's tz database.
/// </summary>
/// <remarks>
/// README: KubePlan checks that a time zone exists with the IANA tz database of the machine it runs on
/// (<c>/usr/share/zoneinfo</c>, or <c>$TZDIR</c>), looked up case-sensitively as Go's
/// <c>time.LoadLocation</c> does (<c>utc</c> and <c>america/new_york</c> are invalid). When that database is
/// missing (minimal containers, some Windows setups), a well-formed name can't be checked: the result is
/// <see cref="TimeZoneValidationStatus.CannotCheck"/>, reported as an info rather than an error. The
/// apiserver's own database decides in the end, so a zone added or renamed recently may differ.
/// </remarks>
public static partial class TimeZoneValidation
{
    /// <summary>Zones present in every tz database; if none resolves, the database is missing.</summary>
    private static readonly string[] Probes = ["America/New_York", "Europe/London", "Asia/Tokyo", "Etc/GMT"];

    private static readonly Lazy<bool> SystemDatabaseAvailable =
        new(() => Probes.Any(p => FindExact(p) is not null));

    /// <summary>The error Kubernetes reports for <paramref name="zone"/>, or null when accepted or when it
    /// cannot be checked here (use <see cref="Check(string?)"/> to tell those apart).</summary>
    public static string? Validate(string? zone)
    {
        var result = Check(zone);
        return result.Status == TimeZoneValidationStatus.Invalid ? result.Message : null;
    }

    /// <summary>Checks <paramref name="zone"/>; null (field absent) is valid.</summary>
    public static TimeZoneValidationResult Check(string? zone) =>
        Check(zone, FindExact, SystemDatabaseAvailable.Value);

    /// <summary>Finds a zone by its exact IANA id, or null. Never matches a Windows id or another case.</summary>
    public static TimeZoneInfo? FindExact(string zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone == "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            var found = TimeZoneInfo.FindSystemTimeZoneById(zone);

            // .NET may map a Windows id to an IANA one, or match another case on some systems; Go does neither.
            return string.Equals(found.Id, zone, StringComparison.Ordinal) ? found : null;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException
                                      or System.Security.SecurityException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="zone"/> exists in the local database, for the TZ= prefix.</summary>
    internal static TimeZoneValidationStatus Resolve(string zone)
    {
        if (FindExact(zone) is not null)
        {
            return TimeZoneValidationStatus.Valid;
        }

        return SystemDatabaseAvailable.Value ? TimeZoneValidationStatus.Invalid : TimeZoneValidationStatus.CannotCheck;
    }

    /// <summary>The check with its lookup and database availability injected, for tests.</summary>
    internal static TimeZoneValidationResult Check(string? zone, Func<string, TimeZoneInfo?> find, bool databaseAvailable)
    {
        if (zone is null)
        {
            return new(TimeZoneValidationStatus.Valid, null);
        }

        if (zone.Length == 0)
        {
            return Invalid("timeZone must be nil or non-empty string");
        }

        foreach (var part in zone.Split('/'))
        {
            if (part is "." or ".." || part.StartsWith('-') || !ValidCharacters().IsMatch(part))
            {
                return Invalid($"unknown time zone {zone}");
            }
        }

        if (string.Equals(zone, "Local", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
        }

        if (find(zone) is not null)
        {
            return new(TimeZoneValidationStatus.Valid, null);
        }

        return databaseAvailable
            ? Invalid($"unknown time zone {zone}")
            : new(TimeZoneValidationStatus.CannotCheck, $"time zone {zone} can't be checked: no tz database on this machine");
    }

    private static TimeZoneValidationResult Invalid(string message) => new(TimeZoneValidationStatus.Invalid, message);

    // Go's "$" is end of text; .NET's "$" also matches before a final "\n", hence "\z".
    [GeneratedRegex(@"^[A-Za-z.\-_0-9+]{1,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValidCharacters();
}
