using System.Diagnostics;

namespace ModelSync.Cli;

/// <summary>
/// Under <c>MODEL_SYNC_TRACE=1</c>, one last line on what this process itself cost (its children each have their
/// line already): CPU, collections and their pauses, bytes allocated. For a model of many files these are where the
/// tool's own time goes.
/// </summary>
internal static class TraceSummary
{
    public static async Task WriteAsync()
    {
        if (Environment.GetEnvironmentVariable("MODEL_SYNC_TRACE") != "1") return;
        using var self = Process.GetCurrentProcess();
        await Console.Error.WriteLineAsync($"trace: this process: {self.TotalProcessorTime.TotalMilliseconds:0} ms of CPU, " +
            $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections (gen 0/1/2) pausing it {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms, " +
            $"{GC.GetTotalAllocatedBytes() >> 20} MiB allocated");
    }
}
