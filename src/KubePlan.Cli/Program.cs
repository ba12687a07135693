using KubePlan.Cli.Commands;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli;

/// <summary>Entry point: binds the verbs and turns every failure into exit code 2 with a message, never a stack trace.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, PhysicalConsole.Singleton);

    public static int Run(string[] args, IConsole console)
    {
        if (args is ["--version"])
        {
            // The common start-up check answers before the command model is built by reflection.
            console.Out.WriteLine(RootCommand.Version);
            return ExitCodes.Clean;
        }

        using var app = new CommandLineApplication<RootCommand>(console);
        app.Conventions.UseDefaultConventions().UseConstructorInjection();
        RootCommand.AddVerbs(app, args);
        app.ValidationErrorHandler = result =>
        {
            console.Error.WriteLine("kubeplan: " + result.ErrorMessage);
            return ExitCodes.UsageError;
        };
        try
        {
            return app.Execute(args);
        }
        catch (CommandParsingException e)
        {
            console.Error.WriteLine("kubeplan: " + e.Message);
            if (e is UnrecognizedCommandParsingException { NearestMatches: var matches } && matches.Any())
            {
                console.Error.WriteLine("Did you mean: " + string.Join(", ", matches) + "?");
            }

            console.Error.WriteLine("Run 'kubeplan --help' for usage.");
            return ExitCodes.UsageError;
        }
        catch (ManagedHandOver.RequiredException)
        {
            return ManagedHandOver.Run(args, console);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine("kubeplan: " + e.Message);
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            console.Error.WriteLine($"kubeplan: internal error: {e.Message}");
            console.Error.WriteLine("Please report this with the input that caused it.");
            return ExitCodes.UsageError;
        }
    }
}

/// <summary>The exit codes of every command (DESIGN.md).</summary>
public static class ExitCodes
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageError = 2;
}

/// <summary>Thrown by commands for "could not run as asked": a missing path, a bad option value.</summary>
public sealed class UsageException(string message) : Exception(message);
