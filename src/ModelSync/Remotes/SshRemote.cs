using System.Globalization;
using ModelSync.Config;
using ModelSync.Processes;
using ModelSync.Text;

namespace ModelSync.Remotes;

/// <summary>
/// A server reached with the OpenSSH client. The first call starts a ControlMaster in a private temp
/// directory; every later ssh and rsync call rides on that one connection. Disposing closes it.
/// </summary>
public sealed class SshRemote(ServerAlias alias, IProcessRunner runner) : ShellRemote(alias, runner)
{
    private const string Ssh = "ssh";
    private DirectoryInfo? _controlDirectory;
    private IReadOnlyList<string>? _tuning;

    private string Host => Alias.Host ?? throw new InvalidOperationException("an ssh remote needs a host");

    // One private directory per remote, so a fixed socket name is enough; ssh's %C tokens would tie the
    // name to the port and user given on each command line.
    private string? ControlPath => _controlDirectory is null ? null : Path.Join(_controlDirectory.FullName, "master");

    protected override async Task<ProcessResult> OpenAndProbeAsync(CancellationToken cancellationToken)
    {
        // A reconnect after a long command finds its directory again, unless something removed it meanwhile.
        if (_controlDirectory is { } existing && !Directory.Exists(existing.FullName)) _controlDirectory = null;
        _controlDirectory ??= ControlDirectories.Create();
        _tuning ??= await SshTuning.OptionsAsync(Alias, Runner, cancellationToken);
        var args = SshArgs.Command(SshArgs.Options(Alias, ControlPath, startMaster: true, _tuning), Host,
            SingleQuoted.Line(RemoteShell.Script(RemoteScripts.Probe, [])));
        var result = await Runner.RunAsync(new ProcessSpec(Ssh, args), cancellationToken);
        if (result.ExitCode != 0 && _tuning.Count > 0 && SshTuning.Rejected(result.Stderr))
        {
            _tuning = [];
            return await OpenAndProbeAsync(cancellationToken);
        }
        if (result.ExitCode != 0) throw SshFailure.Classify(Alias, result.Stderr);
        return result;
    }

    protected override ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments) => ScriptProcess(script, arguments, forwardAgent: false);

    /// <summary>A small input rides in the command line: on ssh's channel it would flow a round trip later (<see cref="InlineInput"/>).</summary>
    protected override ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments, byte[]? stdin) =>
        stdin is not null && InlineInput.FeedArguments(script, arguments, stdin) is { } fed
            ? ScriptProcess(InlineInput.Feed, fed, forwardAgent: false)
            : base.ScriptProcess(script, arguments, stdin);

    /// <summary>
    /// A second remote for the same server with a master connection of its own (its own private directory, so its own
    /// TCP connection and ssh channel window), tuned as this one; connecting it opens that connection.
    /// </summary>
    public override async Task<IRemote> OpenStreamAsync(CancellationToken cancellationToken)
    {
        var stream = new SshRemote(Alias, Runner) { _tuning = _tuning };
        try
        {
            await stream.OpenMasterAsync(cancellationToken);
            stream.Adopt(this);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the master connection without a session (<c>ssh -N</c>, which ControlPersist sends to the background once
    /// logged in): what the probe would say is known from the first connection, and its session would cost two more
    /// round trips before the stream's first byte (0.12 s at 50 ms).
    /// </summary>
    private async Task OpenMasterAsync(CancellationToken cancellationToken)
    {
        _controlDirectory ??= ControlDirectories.Create();
        // -N first, so that a trace (which shortens long command lines) shows what the process is.
        var args = (IReadOnlyList<string>)["-N", .. SshArgs.Options(Alias, ControlPath, startMaster: true, _tuning), "--", Host];
        var result = await Runner.RunAsync(new ProcessSpec(Ssh, args), cancellationToken);
        if (result.ExitCode != 0) throw SshFailure.Classify(Alias, result.Stderr);
    }

    /// <summary>
    /// <paramref name="forwardAgent"/>: the script may use this machine's ssh agent (<c>ssh -A</c>), for a server that
    /// logs in to another one on the user's behalf; only ever when the user opted in (<c>forward_agent: true</c>). Such
    /// a script gets a connection of its own: a shared master forwards the agent only if it was started so, and then
    /// to every session, where the agent belongs to this one script alone.
    /// </summary>
    private ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments, bool forwardAgent) =>
        new(Ssh, SshArgs.Command(forwardAgent ? [.. SshArgs.Options(Alias, null, startMaster: false, _tuning), "-A"] : SshArgs.Options(Alias, ControlPath, startMaster: false, _tuning),
            Host, SingleQuoted.Line(RemoteShell.Script(script, arguments))));

    /// <summary>
    /// The process that runs rsync with <paramref name="rsyncArguments"/> on this server (the source of <c>copy --direct</c>),
    /// with this machine's ssh agent forwarded when the alias says <c>forward_agent: true</c>.
    /// </summary>
    public ProcessSpec RsyncProcess(IReadOnlyList<string> rsyncArguments) => ScriptProcess(CopyScripts.Rsync, rsyncArguments, Alias.ForwardAgent);

    /// <summary>
    /// One login from this server to <paramref name="route"/>'s, as <see cref="RsyncProcess"/> will make it; throws
    /// one clear line (<see cref="DirectFailure"/>) when it cannot, so a missing key or host key shows before anything moves.
    /// </summary>
    public async Task RequireReachAsync(DirectRoute route, CancellationToken cancellationToken)
    {
        var agent = Alias.ForwardAgent;
        var probe = await Runner.RunAsync(ScriptProcess(CopyScripts.Reach, [.. route.SshCommand, "--", route.Host, "true"], agent), cancellationToken);
        var answer = probe.StdoutText.Split('\n').LastOrDefault(l => l.StartsWith("model-sync-reach=", StringComparison.Ordinal));
        if (probe.ExitCode != 0 || answer is null) throw RemoteFailure.Describe(Alias, $"test its ssh login to {route.Target.Name}", probe);
        if (int.Parse(answer["model-sync-reach=".Length..], CultureInfo.InvariantCulture) != 0)
            throw DirectFailure.Classify(Alias, route, agent, probe.Stderr);
    }

    public override async Task<int> ExecAsync(string command, CancellationToken cancellationToken) =>
        (await Runner.RunAsync(new ProcessSpec(Ssh, Remote(command)) { InheritStdio = true }, cancellationToken)).ExitCode;

    public override Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken) =>
        Runner.RunAsync(new ProcessSpec(Ssh, Remote(command)), cancellationToken);

    public override string Connection =>
        "ssh, one shared connection" + string.Concat((_tuning ?? []).Where(o => o.Contains('^', StringComparison.Ordinal)).Select(o =>
            o.StartsWith("Ciphers", StringComparison.Ordinal) ? ", AES-GCM preferred" : ", curve25519 key exchange preferred"));

    public override RsyncLocation Rsync(string path) =>
        new(RsyncAddress.HostSpec(Host, path), RsyncAddress.RemoteShellCommand([Ssh, .. SshArgs.Options(Alias, ControlPath, startMaster: false, _tuning)]));

    private IReadOnlyList<string> Remote(string command) =>
        SshArgs.Command(SshArgs.Options(Alias, ControlPath, startMaster: false, _tuning), Host, command);

    public override async ValueTask DisposeAsync()
    {
        if (_controlDirectory is null) return;
        if (ControlPath is { } controlPath && _controlDirectory.EnumerateFileSystemInfos().Any())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await Runner.RunAsync(new ProcessSpec(Ssh, SshArgs.ExitMaster(controlPath, Host)), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // ControlPersist ends the master on its own a minute after its last client.
            }
        }
        try
        {
            _controlDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The socket may vanish while we delete; the directory is private and temporary either way.
        }
        _controlDirectory = null;
    }
}
