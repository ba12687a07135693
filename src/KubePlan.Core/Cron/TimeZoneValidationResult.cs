namespace KubePlan.Cron;

/// <summary>The status of a <c>spec.timeZone</c> check and, unless valid, a message saying why.</summary>
public sealed record TimeZoneValidationResult(TimeZoneValidationStatus Status, string? Message);
