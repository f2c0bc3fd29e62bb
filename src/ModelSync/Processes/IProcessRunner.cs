namespace ModelSync.Processes;

/// <summary>The one place that starts child processes.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> to completion and returns its exit code and output, whatever the exit code.
    /// Stdout and stderr are read concurrently, so a chatty child never blocks.
    /// Cancellation kills the whole process tree and throws <see cref="OperationCanceledException"/>.
    /// Throws <see cref="Errors.ModelSyncException"/> when the program cannot be started (not installed).
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
