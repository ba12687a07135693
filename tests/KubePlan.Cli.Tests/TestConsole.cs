using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli.Tests;

/// <summary>A console that captures output and feeds stdin, so command tests see what a user sees.</summary>
public sealed class TestConsole(string stdin = "") : IConsole
{
    private readonly StringWriter _out = new() { NewLine = "\n" };
    private readonly StringWriter _error = new() { NewLine = "\n" };

#pragma warning disable CS0067 // Part of IConsole; tests never cancel.
    public event ConsoleCancelEventHandler? CancelKeyPress;
#pragma warning restore CS0067

    public TextWriter Out => _out;

    public TextWriter Error => _error;

    public TextReader In { get; } = new StringReader(stdin);

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

    /// <summary>Runs kubeplan with these arguments and returns the exit code with what it printed.</summary>
    public static (int Exit, string Out, string Error) RunWithInput(string stdin, params string[] args)
    {
        var console = new TestConsole(stdin);
        var exit = Program.Run(args, console);
        return (exit, console.Output, console.ErrorOutput);
    }

    public static (int Exit, string Out, string Error) Run(params string[] args) => RunWithInput(string.Empty, args);
}
