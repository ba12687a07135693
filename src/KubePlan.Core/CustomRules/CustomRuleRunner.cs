using KubePlan.Diagnostics;
using KubePlan.Manifests;
using KubePlan.Rules;

namespace KubePlan.CustomRules;

/// <summary>
/// Runs one custom rule so that it cannot take the lint run down: on a thread of its own, with a
/// cancellation token and a time budget. A rule that throws, or overruns its budget, becomes one
/// <see cref="CustomRuleFindings.Failed"/> finding naming the rule, the last object it read and
/// what went wrong; the findings it reported before that are kept.
/// </summary>
/// <remarks>
/// A rule that overruns is first cancelled (its token fires, and every further read of
/// <c>context.Manifests</c> throws <see cref="OperationCanceledException"/>); one that still does not
/// return is abandoned. Its thread is a background thread, so it never keeps the process alive.
/// </remarks>
internal static class CustomRuleRunner
{
    private static readonly AsyncLocal<CustomRuleRun?> CurrentRun = new();

    /// <summary>The custom rule running on this thread (or on work it started), if any.</summary>
    internal static CustomRuleRun? Current => CurrentRun.Value;

    /// <summary>Marks this thread (and work it starts) as running the given rule.</summary>
    internal static void Enter(CustomRuleRun run) => CurrentRun.Value = run;

    public static List<Diagnostic> Run(Rule rule, CustomRuleOrigin origin, AnalysisContext context, LintOptions options)
    {
        var findings = new List<Diagnostic>();
        if (!rule.Id.Contains('/', StringComparison.Ordinal))
        {
            findings.Add(new Diagnostic(CustomRuleFindings.BareId, Severity.Info,
                $"custom rule id '{rule.Id}' has no namespace, so a future built-in rule could take it",
                origin.File, origin.Line, origin.Column, null, null,
                $"Prefix the id with your organisation's name, as in 'acme/{rule.Id}', and use that id in .kubeplan.yaml and --disable."));
        }

        var budget = options.CustomRuleTimeout > TimeSpan.Zero ? options.CustomRuleTimeout : CustomRuleTimeout.Default;
        var run = new CustomRuleRun();
        // A stack as deep as the main thread's, so a recursive rule behaves as it would there.
        var thread = new Thread(() => run.Execute(rule, context), maxStackSize: 8 * 1024 * 1024)
        {
            IsBackground = true,
            Name = "kubeplan custom rule " + rule.Id,
        };
        thread.Start();
        var overran = !thread.Join(budget);
        var abandoned = false;
        if (overran)
        {
            run.Cancel();
            abandoned = !thread.Join(TimeSpan.FromMilliseconds(Math.Min(1000, budget.TotalMilliseconds)));
        }

        var (found, failure, lastSeen) = run.Close();
        findings.AddRange(found.Select(d => d.RuleId == rule.Id ? d : d with { RuleId = rule.Id }));
        if (overran)
        {
            var what = abandoned ? "was abandoned: it did not stop when cancelled" : "was stopped";
            findings.Add(Failure(origin, lastSeen,
                $"custom rule '{rule.Id}' did not finish within its time budget of {CustomRuleTimeout.Format(budget)}{Object(lastSeen)} and {what}",
                "Make the rule faster or check context.CancellationToken in long loops; a slow but sound rule can get a larger budget with customRuleTimeout in .kubeplan.yaml or --custom-rule-timeout."));
        }
        else if (failure is not null)
        {
            var message = $"custom rule '{rule.Id}' failed{Object(lastSeen)}: {failure.GetType().Name}: {failure.Message}";
            if (options.Verbose && failure.StackTrace is { } trace)
            {
                message += "\n" + trace;
            }

            findings.Add(Failure(origin, lastSeen, message,
                "Fix the rule so that it handles this object (run with --verbose for the stack trace); the findings it reported before failing are kept."));
        }

        // The findings about the rule itself follow the configuration like any rule's: off, or another severity.
        return findings
            .Where(d => d.RuleId == rule.Id || !options.DisabledRules.Contains(d.RuleId))
            .Select(d => d.RuleId != rule.Id && options.SeverityOverrides.TryGetValue(d.RuleId, out var s) ? d with { Severity = s } : d)
            .ToList();
    }

    private static string Object(Manifest? lastSeen) => lastSeen is null ? string.Empty : $" on {lastSeen.Ref}";

    /// <summary>At the object the rule was reading, else at the rule's own source.</summary>
    private static Diagnostic Failure(CustomRuleOrigin origin, Manifest? lastSeen, string message, string hint)
    {
        if (lastSeen is not null)
        {
            var start = lastSeen.Root.Start;
            return new Diagnostic(CustomRuleFindings.Failed, Severity.Error, message, lastSeen.File.Path, start.Line, start.Column, lastSeen.Ref, "/", hint);
        }

        return new Diagnostic(CustomRuleFindings.Failed, Severity.Error, message, origin.File, origin.Line, origin.Column, null, null, hint);
    }
}

/// <summary>One run of one custom rule: its token, the findings so far, its failure and the last object it read.</summary>
internal sealed class CustomRuleRun
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Lock _lock = new();
    private readonly List<Diagnostic> _found = [];
    private Exception? _failure;
    private Manifest? _lastSeen;
    private bool _closed;

    public CancellationToken Token => _cancellation.Token;

    public void Execute(Rule rule, AnalysisContext context)
    {
        CustomRuleRunner.Enter(this);
        try
        {
            foreach (var finding in rule.Check(context))
            {
                if (finding is null)
                {
                    throw new InvalidOperationException("the rule yielded a null finding");
                }

                lock (_lock)
                {
                    if (_closed)
                    {
                        return;
                    }

                    _found.Add(finding);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            lock (_lock)
            {
                _failure ??= e;
            }
        }
    }

    /// <summary>Records an object the rule read, and stops the rule there once it has been cancelled.</summary>
    public void Saw(Manifest manifest)
    {
        Volatile.Write(ref _lastSeen, manifest);
        _cancellation.Token.ThrowIfCancellationRequested();
    }

    public void Cancel() => _cancellation.Cancel();

    /// <summary>Takes what the rule found so far; anything it reports later (when abandoned) is dropped.</summary>
    public (List<Diagnostic> Found, Exception? Failure, Manifest? LastSeen) Close()
    {
        lock (_lock)
        {
            _closed = true;
            return ([.. _found], _failure, Volatile.Read(ref _lastSeen));
        }
    }

}
