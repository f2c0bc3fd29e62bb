using System.Diagnostics;
using System.Text;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Runs the real CLI on a pseudo-terminal through util-linux <c>script</c>, as a person at a terminal would, with
/// CliRunner's environment (test HOME, the given config). Stdout and stderr share the terminal, so the result's
/// Stdout is the whole transcript, byte for byte; Stderr is <c>script</c>'s own.
/// </summary>
public static class PtyRunner
{
    /// <summary>What the .NET runtime itself writes to a terminal stdin on start (terminfo keypad_xmit for xterm), not model-sync.</summary>
    public const string RuntimeKeypadMode = "\u001b[?1h\u001b=";

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, string configPath, string workingDirectory, IReadOnlyDictionary<string, string?> env)
    {
        using var process = Start(args, configPath, workingDirectory, env);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        process.StandardInput.Close();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts the CLI on a terminal to talk to: wait for what it prints, then type an answer.</summary>
    public static PtySession Start(IEnumerable<string> args, string configPath, string workingDirectory) =>
        new(Start(args, configPath, workingDirectory, new Dictionary<string, string?>()));

    /// <summary>
    /// Starts the CLI on a terminal, waits for its <c>[y/N]</c> question and types <paramref name="answer"/>: what the
    /// terminal showed when it asked, and the run once it ended.
    /// </summary>
    public static async Task<(string Asked, CliResult Answered)> AnswerAsync(IEnumerable<string> args, string configPath, string workingDirectory, string answer)
    {
        using var prompted = Start(args, configPath, workingDirectory);
        await prompted.WaitForAsync("[y/N]");
        var asked = prompted.Transcript;
        await prompted.TypeLineAsync(answer);
        return (asked, await prompted.WaitForExitAsync());
    }

    private static Process Start(IEnumerable<string> args, string configPath, string workingDirectory, IReadOnlyDictionary<string, string?> env)
    {
        var line = SingleQuoted.Line(CliRunner.Launcher.Concat(args));
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = CliRunner.HomeDirectory,
            ["MODEL_SYNC_CONFIG"] = configPath,
            ["TERM"] = "xterm",
            ["DOTNET_NOLOGO"] = "1",
            ["NO_COLOR"] = null,
        };
        foreach (var (key, value) in env) environment[key] = value;
        return TestProcess.Start("script", ["-q", "-f", "-e", "-c", line, "/dev/null"], workingDirectory, environment);
    }
}

/// <summary>A CLI running on a terminal from <see cref="PtyRunner.Start"/>; disposing it kills what is still running.</summary>
public sealed class PtySession : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _transcript = new();
    private readonly Task _reading;
    private readonly Task<string> _stderr;

    internal PtySession(Process process)
    {
        _process = process;
        _reading = ReadAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Everything the terminal showed so far.</summary>
    public string Transcript
    {
        get
        {
            lock (_transcript) return _transcript.ToString();
        }
    }

    /// <summary>Waits until the terminal shows <paramref name="text"/>; fails with the transcript if the CLI exits first.</summary>
    public async Task WaitForAsync(string text)
    {
        bool Shown() => Transcript.Contains(text, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => Shown() || _reading.IsCompleted, Limit, $"the terminal to show '{text}'", () => "it showed:\n" + Transcript);
        if (!Shown()) throw new InvalidOperationException($"the CLI ended without the terminal showing '{text}'; it showed:\n{Transcript}");
    }

    /// <summary>Types <paramref name="line"/> and Enter.</summary>
    public async Task TypeLineAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\r");
        await _process.StandardInput.FlushAsync();
    }

    public async Task<CliResult> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(Limit);
        await _process.WaitForExitAsync(cts.Token);
        await _reading;
        _process.StandardInput.Close();
        return new CliResult(_process.ExitCode, Transcript, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_transcript) _transcript.Append(buffer, 0, read);
        }
    }
}
