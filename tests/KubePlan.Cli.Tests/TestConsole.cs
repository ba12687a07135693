using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Tests;

/// <summary>A console that captures what a command writes, for assertions.</summary>
public sealed class TestConsole : IConsole
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public TestConsole(string stdin = "") => In = new StringReader(stdin);

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add { }
        remove { }
    }

    public TextWriter Out => _out;

    public TextWriter Error => _error;

    public TextReader In { get; }

    public bool IsInputRedirected => true;

    public bool IsOutputRedirected => true;

    public bool IsErrorRedirected => true;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public string Output => _out.ToString();

    public string ErrorOutput => _error.ToString();

    public void ResetColor()
    {
    }
}
