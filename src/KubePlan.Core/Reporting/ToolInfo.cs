using System.Reflection;

namespace KubePlan.Reporting;

/// <summary>The tool's name and version as reports print them.</summary>
public static class ToolInfo
{
    public const string Name = "kubeplan";

    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
