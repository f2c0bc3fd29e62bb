using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using ModelSync.Errors;
using ModelSync.Paths;

namespace ModelSync.Processes;

public sealed class ProcessRunner : IProcessRunner
{
    public static readonly ProcessRunner Instance = new();

    /// <summary>MODEL_SYNC_TRACE=1 prints every child process with its start offset and duration, to see where time goes.</summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("MODEL_SYNC_TRACE") == "1";
    private static readonly long Started = Stopwatch.GetTimestamp();

    /// <summary>
    /// Runs "$@" while a watchdog checks once a second that the process that started it is still alive; when
    /// it is not, the child gets SIGTERM (rsync then keeps its partial file for the next run). Linux offers
    /// PR_SET_PDEATHSIG, but it fires when the forking thread exits, and .NET forks from pool threads.
    /// </summary>
    internal static string ParentWatchdog => ScriptFiles.Load("parent-watchdog.sh");

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        if (!Trace) return await RunCoreAsync(spec, cancellationToken);
        var offset = Stopwatch.GetElapsedTime(Started);
        var clock = Stopwatch.StartNew();
        var result = await RunCoreAsync(spec, cancellationToken);
        var words = string.Join(' ', spec.Arguments.Select(a => a.Length > 40 ? a[..40] + "…" : a).Take(12)).ReplaceLineEndings(" ");
        await Console.Error.WriteLineAsync($"trace: +{offset.TotalMilliseconds,6:0} ms {clock.Elapsed.TotalMilliseconds,6:0} ms exit {result.ExitCode,3} {spec.FileName}{(ScriptFiles.NameIn(spec.Arguments) is { } script ? $" [{script}]" : "")} {words}");
        return result;
    }

    private static async Task<ProcessResult> RunCoreAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        spec = ByteArguments.Protect(spec);
        if (spec.EndWithParent && !spec.InheritStdio)
            spec = spec with { FileName = "/bin/sh", Arguments = ["-c", ParentWatchdog, "sh", spec.FileName, .. spec.Arguments], EndWithParent = false };
        var info = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = !spec.InheritStdio,
            RedirectStandardOutput = !spec.InheritStdio,
            RedirectStandardError = !spec.InheritStdio,
            WorkingDirectory = spec.WorkingDirectory ?? "",
        };
        foreach (var argument in spec.Arguments) info.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ModelSyncException($"cannot run {spec.FileName}: {e.Message}", ExitCodes.Failed,
                $"install {spec.FileName} (e.g. apt-get install {spec.FileName})");
        }

        using var registration = cancellationToken.Register(() => Kill(process));
        if (spec.InheritStdio)
        {
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new ProcessResult(process.ExitCode, [], "");
        }

        var stdinTask = WriteStdinAsync(process, spec.Stdin, spec.WriteStdin);
        var stdoutTask = spec.ReadStdout is { } reader
            ? HandOverAsync(process.StandardOutput.BaseStream, reader)
            : ReadStdoutAsync(process.StandardOutput.BaseStream, spec.OnStdoutLine);
        var stderrTask = ReadStderrAsync(process.StandardError.BaseStream, spec.OnStderrLine);
        await Task.WhenAll(stdoutTask, stderrTask);
        await process.WaitForExitAsync(CancellationToken.None);
        await stdinTask;
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(process.ExitCode, stdoutTask.Result, stderrTask.Result);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone: nothing to stop.
        }
    }

    private static async Task<byte[]> HandOverAsync(Stream stdout, Func<Stream, Task> reader)
    {
        await reader(stdout);
        return [];
    }

    private static async Task WriteStdinAsync(Process process, byte[]? stdin, Func<Stream, Task>? writer)
    {
        try
        {
            if (writer is not null)
                await writer(process.StandardInput.BaseStream);
            else if (stdin is { Length: > 0 })
                await process.StandardInput.BaseStream.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child exited without reading all of its input; its exit code tells the story.
        }
    }

    /// <summary>
    /// Line by line on a thread of its own, with blocking reads (as <see cref="ProcessPipe"/> copies): rsync prints a line
    /// per file, and each async read of a pipe costs an event-loop wake and a thread-pool hop; while that waits for a core,
    /// rsync's output pipe fills and rsync stops sending.
    /// </summary>
    private static Task<byte[]> ReadStdoutAsync(Stream stream, Action<string>? onLine) =>
        onLine is null ? ReadStdoutAsync(stream)
            : Task.Factory.StartNew(() => ReadStdout(stream, onLine), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static byte[] ReadStdout(Stream stream, Action<string> onLine)
    {
        // rsync ends progress updates with \r and file lines with \n: both end a line here.
        ByteLines.ReadAll(stream, onLine, (byte)'\n', (byte)'\r');
        return [];
    }

    private static async Task<byte[]> ReadStdoutAsync(Stream stream)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) all.Write(buffer, 0, read);
        return all.ToArray();
    }

    /// <summary>Line by line (a line's \r dropped), each decoded by <see cref="PathBytes"/>: a server's message may quote a name that is not UTF-8.</summary>
    private static async Task<string> ReadStderrAsync(Stream stream, Action<string>? onLine)
    {
        var all = new StringBuilder();
        using var lines = new ByteLines(line =>
        {
            line = line.TrimEnd('\r');
            all.Append(line).Append('\n');
            onLine?.Invoke(line);
        }, (byte)'\n');
        var buffer = new byte[8 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) lines.Write(buffer.AsSpan(0, read));
        lines.Flush();
        return all.ToString();
    }
}
