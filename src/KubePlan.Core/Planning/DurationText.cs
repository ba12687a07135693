using System.Globalization;
using System.Text;

namespace KubePlan.Planning;

/// <summary>Durations in plan notes and verdicts: <c>45s</c>, <c>2m 10s</c>, <c>1h 3m 0s</c>.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        var total = (long)duration.TotalSeconds;
        var hours = total / 3600;
        var minutes = total % 3600 / 60;
        var seconds = total % 60;
        var sb = new StringBuilder();
        if (hours > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{hours}h ");
        }

        if (hours > 0 || minutes > 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{minutes}m ");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{seconds}s");
        return sb.ToString();
    }

    public static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
