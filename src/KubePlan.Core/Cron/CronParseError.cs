namespace KubePlan.Cron;

/// <summary>
/// Why a schedule was rejected. <see cref="Message"/> is worded the way Kubernetes (robfig/cron v3.0.1)
/// words it; <see cref="Offset"/> and <see cref="Length"/> locate the offending text within the schedule
/// string (0-based, UTF-16 code units), so a caller can point at the column.
/// </summary>
public sealed record CronParseError(string Message, int Offset, int Length);
