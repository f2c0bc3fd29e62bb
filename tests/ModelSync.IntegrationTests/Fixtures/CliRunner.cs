using System.Diagnostics;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fixtures;

/// <summary>Result of one CLI run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the real built CLI as a child process — the shipped binary named by <c>MODEL_SYNC_TEST_BINARY</c> (what
/// <c>scripts/test.sh</c> builds through <c>scripts/model-sync.sh</c>), else <c>dotnet model-sync.dll</c> — isolated from the
/// developer's environment: HOME points to a temp dir that is stable for this test run, XDG_* dirs are
/// unset, MODEL_SYNC_CONFIG is only set when a config path is given, NO_COLOR=1, stdin is closed.
/// </summary>
public static class CliRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private static readonly Lazy<string> LazyHome = new(CreateHome, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] ScrubbedVariables =
    [
        "MODEL_SYNC_CONFIG",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
        "XDG_STATE_HOME",
        "XDG_RUNTIME_DIR",
        "SSH_AUTH_SOCK",
        "SSH_AGENT_PID",
        "CLICOLOR_FORCE",
        "FORCE_COLOR",
    ];

    /// <summary>
    /// The name the CLI gives itself in the commands it prints, the same whether the tests run the binary (by its full
    /// path) or the dll: the tests run it as if installed on PATH, which <see cref="PrintedCommand"/> provides.
    /// </summary>
    public const string PrintedName = "model-sync";

    /// <summary>The HOME every CLI run gets (a temp dir, same for the whole test run).</summary>
    public static string HomeDirectory => LazyHome.Value;

    /// <summary>Path of the CLI's <c>model-sync.dll</c> next to the test assembly.</summary>
    public static string CliDllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "model-sync.dll");
            if (!File.Exists(path) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "model-sync.runtimeconfig.json")))
            {
                throw new InvalidOperationException(
                    $"model-sync.dll / model-sync.runtimeconfig.json not found in {AppContext.BaseDirectory}; " +
                    "the ModelSync.Cli project reference should copy them there (build the solution first).");
            }

            return path;
        }
    }

    /// <summary>
    /// The command line that starts the CLI, before its arguments: the shipped binary when
    /// <c>MODEL_SYNC_TEST_BINARY</c> names one (so CI tests the Native AOT build users run), else the dotnet host and
    /// <see cref="CliDllPath"/>.
    /// </summary>
    public static IReadOnlyList<string> Launcher
    {
        get
        {
            var binary = Environment.GetEnvironmentVariable("MODEL_SYNC_TEST_BINARY");
            if (string.IsNullOrEmpty(binary)) return [DotnetHost(), CliDllPath];
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"MODEL_SYNC_TEST_BINARY={binary} does not exist; unset it or build the tool first.");
            }

            return [binary];
        }
    }

    /// <summary>
    /// Runs the CLI (<see cref="Launcher"/>) with <c>args...</c>. <paramref name="env"/> entries override everything else
    /// (including HOME and MODEL_SYNC_CONFIG). Working directory defaults to <see cref="HomeDirectory"/>.
    /// On timeout (default 120 s) the process tree is killed and a <see cref="TimeoutException"/> carrying
    /// the captured output is thrown.
    /// </summary>
    public static async Task<CliResult> RunAsync(
        IEnumerable<string> args,
        string? configPath = null,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var argList = args.ToList();
        using var process = Start(argList, configPath, env, workingDirectory);
        return await WaitAsync(process, argList, timeout);
    }

    /// <summary>
    /// Starts the CLI with <c>args...</c> with the same environment as <see cref="RunAsync"/> and
    /// returns the running process (stdin closed, stdout and stderr redirected) — for tests that interrupt it.
    /// </summary>
    public static Process Start(
        IReadOnlyList<string> argList,
        string? configPath = null,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null)
    {
        // An argument holding bytes that are not UTF-8 (see PathBytes) reaches the CLI as those bytes, as from a shell.
        var command = ModelSync.Processes.ByteArguments.Protect(new ModelSync.Processes.ProcessSpec(Launcher[0], [.. Launcher.Skip(1), .. argList]));
        var environment = ScrubbedVariables.ToDictionary(name => name, _ => (string?)null);
        environment["HOME"] = HomeDirectory;
        environment["NO_COLOR"] = "1";
        environment["MODEL_SYNC_INVOKED_AS"] = PrintedName;
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (configPath is not null)
        {
            environment["MODEL_SYNC_CONFIG"] = configPath;
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = TestProcess.Start(command.FileName, command.Arguments, workingDirectory ?? HomeDirectory, environment);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Waits for a process from <see cref="Start"/> and collects its output, killing it after <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> WaitAsync(Process process, IReadOnlyList<string> argList, TimeSpan? timeout = null)
    {
        var stdoutTask = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderrTask = process.StandardError.ReadToEndAsync(CancellationToken.None);

        var limit = timeout ?? DefaultTimeout;
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            TestProcess.Kill(process);
            var (stdout, stderr) = await DrainAsync(stdoutTask, stderrTask);
            throw new TimeoutException(
                $"model-sync {string.Join(' ', argList)} did not finish within {limit.TotalSeconds:0} s and was killed.\n" +
                $"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}");
        }

        // The process has exited; its pipes close unless a grandchild still holds them.
        var (outText, errText) = await DrainAsync(stdoutTask, stderrTask);
        return new CliResult(process.ExitCode, outText, errText);
    }

    private static async Task<(string Stdout, string Stderr)> DrainAsync(Task<string> stdoutTask, Task<string> stderrTask)
    {
        var both = Task.WhenAll(stdoutTask, stderrTask);
        await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(10)));
        var stdout = stdoutTask.IsCompletedSuccessfully ? stdoutTask.Result : "<stdout still open (a child process kept the pipe)>";
        var stderr = stderrTask.IsCompletedSuccessfully ? stderrTask.Result : "<stderr still open (a child process kept the pipe)>";
        return (stdout, stderr);
    }

    internal static string DotnetHost()
    {
        // Set by the dotnet CLI / MSBuild for child processes: the muxer running this test run.
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }

        return "dotnet";
    }

    private static string CreateHome()
    {
        var home = TempDirectory.Create("ms-home");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TempDirectory.Delete(home);
        return home;
    }
}
