using KubePlan.Diagnostics;

namespace KubePlan.Reporting;

/// <summary>ANSI colouring that turns itself off when colour is not wanted.</summary>
public sealed class Ansi(bool enabled)
{
    public string Bold(string text) => Wrap("1", text);

    public string Dim(string text) => Wrap("2", text);

    public string Red(string text) => Wrap("31", text);

    public string Green(string text) => Wrap("32", text);

    public string Yellow(string text) => Wrap("33", text);

    public string Blue(string text) => Wrap("34", text);

    public string Cyan(string text) => Wrap("36", text);

    public string Severity(Severity severity, string text) => severity switch
    {
        Diagnostics.Severity.Error => Red(text),
        Diagnostics.Severity.Warning => Yellow(text),
        _ => Blue(text),
    };

    private string Wrap(string code, string text) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
