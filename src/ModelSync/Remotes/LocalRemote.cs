using ModelSync.Config;
using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// A directory on this machine: the same scripts as a server, run by the local sh. <paramref name="mountedFrom"/>
/// (e.g. <c>reaper:/models</c>): the directory is that server's model_base, mounted here and proven so.
/// </summary>
public sealed class LocalRemote(ServerAlias alias, IProcessRunner runner, string? mountedFrom = null) : ShellRemote(alias, runner)
{
    public string? MountedFrom => mountedFrom;

    private const string Shell = "/bin/sh";

    private const string ThisMachineName = "this machine";

    /// <summary>The side of a push or pull that is this machine's own file system, outside any alias.</summary>
    public static LocalRemote ThisMachine(IProcessRunner runner) =>
        new(new ServerAlias(ThisMachineName, null, null, null, "/", null, []) { IsThisMachine = true }, runner);

    protected override Task<ProcessResult> OpenAndProbeAsync(CancellationToken cancellationToken) =>
        // The local side of a push or pull needs no probe: rsync runs here, and paths are absolute already.
        // Its hash programs are looked up on PATH here, without starting a shell.
        Alias.IsThisMachine
            ? Task.FromResult(new ProcessResult(0, System.Text.Encoding.UTF8.GetBytes(
                $"{HomePath.Home}\nno-rsync\n{HashToolsPrefix} {string.Join(' ', ModelSync.Hashing.HashFunction.AllTools.Where(OnPath))}\n"), ""))
            : RunScriptAsync(RemoteScripts.Probe, [], cancellationToken);

    protected override ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments) =>
        new(Shell, ["-c", script, "sh", .. arguments]);

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Join(dir, program)));

    public override async Task<int> ExecAsync(string command, CancellationToken cancellationToken) =>
        (await Runner.RunAsync(new ProcessSpec(Shell, ["-c", command]) { InheritStdio = true }, cancellationToken)).ExitCode;

    public override Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken) =>
        Runner.RunAsync(new ProcessSpec(Shell, ["-c", command]), cancellationToken);

    public override RsyncLocation Rsync(string path) => new(path, null);

    public override string Connection =>
        mountedFrom is null ? "this machine's file system" : $"local mount {Alias.ModelBase} (proven same as {mountedFrom})";

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
