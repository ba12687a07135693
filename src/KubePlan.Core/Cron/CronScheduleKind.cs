namespace KubePlan.Cron;

/// <summary>Whether a schedule is a set of calendar fields or a fixed <c>@every</c> interval.</summary>
public enum CronScheduleKind
{
    /// <summary>Five fields, or a descriptor such as <c>@daily</c> that stands for five fields.</summary>
    Fields,

    /// <summary><c>@every &lt;duration&gt;</c>: runs every interval from a start time.</summary>
    Every,
}
