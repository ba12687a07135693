using System.Xml.Linq;
using KubePlan.Planning.Output;
using static KubePlan.Core.Tests.Planning.Output.PlanOutputSupport;

namespace KubePlan.Core.Tests.Planning.Output;

public class SvgPlanWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Chart(PlanReport report) => XElement.Parse(Render(report, "svg"));

    private static IEnumerable<XElement> WithClass(XElement root, string cssClass) =>
        root.Descendants().Where(e => (string?)e.Attribute("class") == cssClass);

    [Fact]
    public void Write_WorkedExample_OneStackedBarPairAndOnePointPerWave()
    {
        var svg = Chart(Report(null, Web));

        Assert.Equal(Svg + "svg", svg.Name);
        var panel = Assert.Single(WithClass(svg, "plan"));
        Assert.Equal(3, WithClass(panel, "bar old").Count());
        Assert.Equal(3, WithClass(panel, "bar new").Count());
        var series = Assert.Single(WithClass(panel, "series available"));
        Assert.Equal(3, series.Element(Svg + "polyline")!.Attribute("points")!.Value.Split(' ').Length);
        Assert.Equal(3, series.Elements(Svg + "circle").Count());
        Assert.Equal(["1", "2", "3"], WithClass(panel, "tick x").Select(t => t.Value));
        Assert.Equal(["old pods", "new pods", "fewest available"], WithClass(panel, "legend-label").Select(t => t.Value));
        Assert.Single(WithClass(panel, "axis-label x"), t => t.Value == "wave");
        Assert.Single(WithClass(panel, "axis-label y"), t => t.Value == "pods");
        Assert.Contains("Deployment/web in shop: a rolling update of 10 replicas in 3 waves", WithClass(panel, "plan-title").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Job_OneBarOfRunningPodsPerWave()
    {
        var panel = Assert.Single(WithClass(Chart(Report(null, Job)), "plan"));

        Assert.Equal(4, WithClass(panel, "bar new").Count());
        Assert.Equal(["running pods"], WithClass(panel, "legend-label").Select(t => t.Value));
        Assert.Contains("Job/resize in shop: a Job of 10 completions, 3 at a time in 4 waves", WithClass(panel, "plan-title").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_BarsStackNewOnOld_HeightsProportionalToPods()
    {
        var panel = WithClass(Chart(Report(null, Web)), "plan").Single();
        var old = WithClass(panel, "bar old").Select(Height).ToList();
        var @new = WithClass(panel, "bar new").Select(Height).ToList();

        // (8,5) (3,10) (0,10), at most 13 pods: the y axis runs to 15 (ticks of 5), 200 units high
        Assert.Equal([106.7, 40, 0], old.Select(h => Math.Round(h, 1)));
        Assert.Equal([66.7, 133.3, 133.3], @new.Select(h => Math.Round(h, 1)));

        static double Height(XElement rect) => double.Parse(rect.Attribute("height")!.Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Write_OnePanelPerPlan_ProblemsAsText()
    {
        var svg = Chart(Report(new PlanRequest(), Web, Db, Agent));

        Assert.Equal(2, WithClass(svg, "plan").Count());
        Assert.Equal(6, WithClass(WithClass(svg, "plan").Last(), "bar new").Count());
        Assert.Contains("DaemonSet/agent in shop: not planned", WithClass(svg, "problem").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_IsDeterministic_WithoutTimestamps()
    {
        var a = Render(Report(null, Web, Db), "svg");

        Assert.Equal(a, Render(Report(null, Web, Db), "svg"));
        Assert.DoesNotContain(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), a, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_NothingToPlan_IsStillAValidChart() =>
        Assert.Contains("nothing to plan", WithClass(Chart(Report(null, Hpa)), "problem").Single().Value, StringComparison.Ordinal);
}
