using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Tests;

/// <summary>A console that captures output, so tests can run commands and read what they print.</summary>
internal sealed class TestConsole(string stdin = "") : IConsole
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add { }
        remove { }
    }

    public string Output => _out.ToString();

    public string ErrorOutput => _error.ToString();

    public TextWriter Out => _out;

    public TextWriter Error => _error;

    public TextReader In { get; } = new StringReader(stdin);

    public bool IsInputRedirected => true;

    public bool IsOutputRedirected => true;

    public bool IsErrorRedirected => true;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public void ResetColor()
    {
    }
}
