using System.Diagnostics;
using System.Runtime.InteropServices;
using McMaster.Extensions.CommandLineUtils;

namespace KubePlan.Cli;

/// <summary>
/// The Native AOT build's way out for what it cannot do (compile and load custom rules): the whole
/// run goes to the managed build shipped beside it in the tool package, <c>dotnet managed/kubeplan.dll</c>
/// with the same arguments, standard streams and working directory, and its exit code is the answer.
/// The decision is made before anything is written or stdin is read, so the user sees one run.
/// </summary>
internal static class ManagedHandOver
{
    /// <summary>The managed build, relative to the native executable's folder.</summary>
    internal const string ManagedEntryPoint = "managed/kubeplan.dll";

    /// <summary>Thrown where a run turns out to need the managed build; <see cref="Program"/> hands the run over.</summary>
    internal sealed class RequiredException() : Exception("this run needs the managed build");

    public static int Run(string[] args, IConsole console)
    {
        var entry = Path.Combine(AppContext.BaseDirectory, ManagedEntryPoint);
        if (!File.Exists(entry))
        {
            console.Error.WriteLine($"kubeplan: custom rules need the managed build, which is missing: {entry}");
            return ExitCodes.UsageError;
        }

        if (FindDotnet() is not { } dotnet)
        {
            console.Error.WriteLine("kubeplan: custom rules need the .NET runtime, and no 'dotnet' was found (set DOTNET_ROOT or put dotnet on PATH)");
            return ExitCodes.UsageError;
        }

        var start = new ProcessStartInfo(dotnet) { UseShellExecute = false };
        start.ArgumentList.Add(entry);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started");
        // Ctrl-C reaches both processes (one process group); SIGTERM, as a CI runner's timeout sends it, is sent to
        // this process alone and is passed on, so the managed build is never left running on its own. Either way
        // this process waits for the managed build to stop and answers with its exit code.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            if (!OperatingSystem.IsWindows())
            {
                _ = Kill(child.Id, SigTerm);
            }
        });
        child.WaitForExit();
        return child.ExitCode;
    }

    // Signal numbers are the same on Linux and macOS for SIGTERM.
    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// The <c>dotnet</c> host, looked for as the .NET tooling does: <c>DOTNET_HOST_PATH</c>, then
    /// <c>DOTNET_ROOT</c>, then <c>PATH</c>, then the usual install folders.
    /// </summary>
    internal static string? FindDotnet() =>
        DotnetCandidates(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows(), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
            .FirstOrDefault(File.Exists);

    /// <summary>Where <c>dotnet</c> may be, in the order it is looked for.</summary>
    internal static IEnumerable<string> DotnetCandidates(Func<string, string?> environment, bool windows, string home)
    {
        var name = windows ? "dotnet.exe" : "dotnet";
        if (environment("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            yield return host;
        }

        if (environment("DOTNET_ROOT") is { Length: > 0 } root)
        {
            yield return Path.Combine(root, name);
        }

        foreach (var folder in (environment("PATH") ?? string.Empty).Split(windows ? ';' : ':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(folder, name);
        }

        if (windows)
        {
            yield return Path.Combine(environment("ProgramFiles") ?? @"C:\Program Files", "dotnet", name);
            yield break;
        }

        foreach (var folder in (string[])["/usr/share/dotnet", "/usr/lib/dotnet", "/usr/lib64/dotnet", "/usr/local/share/dotnet", "/opt/dotnet"])
        {
            yield return Path.Combine(folder, name);
        }

        if (home.Length > 0)
        {
            yield return Path.Combine(home, ".dotnet", name);
        }
    }
}
