using KubePlan.Reporting;

namespace KubePlan.Planning.Output;

/// <summary>One output format of <c>kubeplan plan</c>.</summary>
public interface IPlanWriter
{
    string Format { get; }

    void Write(PlanReport report, TextWriter output, ReportOptions options);
}
