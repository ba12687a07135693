namespace KubePlan.Cron;

/// <summary>The five fields of a standard cron schedule, in the order they are written.</summary>
public enum CronField
{
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
}
