namespace KubePlan.Core.Tests.Reporting;

/// <summary>
/// Byte-for-byte comparison with a golden file under <c>Reporting/Golden/</c>. With
/// <c>KUBEPLAN_UPDATE_GOLDEN=1</c> the golden is rewritten instead, so a deliberate change to a
/// format is one test run and a reviewable diff.
/// </summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("KUBEPLAN_UPDATE_GOLDEN") == "1";

    public static void Assert(string name, string actual)
    {
        var path = Path.Combine(SampleReport.GoldenDirectory, name);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Xunit.Assert.True(File.Exists(path), $"golden {name} is missing; run the tests with KUBEPLAN_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var lines = (Expected: expected.Split('\n'), Actual: actual.Split('\n'));
            var at = Enumerable.Range(0, Math.Min(lines.Expected.Length, lines.Actual.Length)).FirstOrDefault(i => lines.Expected[i] != lines.Actual[i], Math.Min(lines.Expected.Length, lines.Actual.Length));
            Xunit.Assert.Fail(
                $"{name} differs from its golden at line {at + 1}:\n"
                + $"  expected: {(at < lines.Expected.Length ? lines.Expected[at] : "<end of file>")}\n"
                + $"  actual:   {(at < lines.Actual.Length ? lines.Actual[at] : "<end of file>")}\n"
                + "Run the tests with KUBEPLAN_UPDATE_GOLDEN=1 to accept the change.");
        }
    }
}
