namespace KubePlan.Planning.Output;

/// <summary>The plan output formats, picked by name.</summary>
public static class PlanWriters
{
    public static IReadOnlyList<IPlanWriter> All { get; } =
    [
        new TextPlanWriter(),
        new JsonPlanWriter(),
        new MarkdownPlanWriter(),
        new SvgPlanWriter(),
    ];

    public static IPlanWriter? Find(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join(", ", All.Select(w => w.Format));
}
