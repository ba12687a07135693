namespace KubePlan.Rules;

/// <summary>
/// Runs every task on the thread that queues it, one at a time. Work started under it (as
/// <see cref="TaskScheduler.Current"/>), such as a rule's own <see cref="Parallel.For(int, int, Action{int})"/>,
/// then stays on the calling thread: for a small input, starting thread-pool threads and sharing
/// the work costs more than the work itself.
/// </summary>
internal sealed class CallingThreadScheduler : TaskScheduler
{
    public static readonly CallingThreadScheduler Instance = new();

    /// <summary>One: Parallel.For and Parallel.ForEach then make no second worker.</summary>
    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs <paramref name="action"/> with this scheduler as the current one, and returns when it has finished.</summary>
    public static void Run(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.None, Instance).GetAwaiter().GetResult();

    protected override void QueueTask(Task task) => TryExecuteTask(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [];
}
