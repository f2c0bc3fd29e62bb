using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Doctor;

/// <summary>
/// The checks of one alias, in order. A server: ssh key, DNS, TCP port, host key, authentication (the real ssh,
/// through <see cref="SshRemote"/>, so the user's ssh config is honoured), then over that one connection rsync,
/// model_base, free space, hash tools, clock skew and the login shell. When a step fails, the steps that need it are
/// listed as skipped. A local alias: model_base, free space and hash tools only.
/// </summary>
public static class ServerChecks
{
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan RemoteTimeout = TimeSpan.FromSeconds(20);
    private const int ShellRuns = 3;

    private static readonly DoctorStep[] AfterLogin =
    [
        DoctorStep.RemoteRsync, DoctorStep.ModelBase, DoctorStep.FreeSpace, DoctorStep.HashTools,
        DoctorStep.ClockSkew, DoctorStep.ShellOutput, DoctorStep.ShellTime,
    ];

    public static async Task<IReadOnlyList<DoctorCheck>> LocalAsync(ServerAlias alias, string configFile, HashFunction preferredHash, IProcessRunner runner, CancellationToken cancellationToken)
    {
        await using var remote = new LocalRemote(alias, runner);
        var place = new DoctorPlace(alias.Name, IsLocal: true, Environment.UserName, configFile) { PreferredHash = preferredHash };
        var (inspection, inspectError, _) = await InspectAsync(remote, cancellationToken);
        var path = RemoteInspection.ResolveModelBase(alias.ModelBase, inspection?.Home);
        var (probe, probeError) = await ProbeModelBaseAsync(remote, path, cancellationToken);
        return
        [
            DoctorVerdicts.ModelBase(place, path, probe, probeError),
            DoctorVerdicts.FreeSpace(place, path, probe, probeError),
            DoctorVerdicts.HashTools(place, inspection, inspectError),
        ];
    }

    public static async Task<IReadOnlyList<DoctorCheck>> RemoteAsync(ServerAlias alias, SshAgentState agent, string configFile, HashFunction preferredHash, IProcessRunner runner, CancellationToken cancellationToken)
    {
        var server = alias.Name;
        var checks = new List<DoctorCheck>();
        var settings = await SshSettingsAsync(alias, runner, cancellationToken);
        checks.Add(SshKeyCheck.Check(alias, agent, settings, configFile));

        DoctorStep[] sshSteps = [DoctorStep.HostKey, DoctorStep.Authentication, .. AfterLogin];
        if (settings?.Proxy is { } proxy)
        {
            var via = $"not checked from here: ssh connects through {proxy}";
            checks.Add(DoctorStep.Dns.Ok(server, via));
            checks.Add(DoctorStep.Tcp.Ok(server, via));
        }
        else
        {
            var host = settings?.HostName ?? alias.Host ?? "";
            var port = settings?.Port ?? alias.Port ?? 22;
            var (dns, addresses) = await ResolveAsync(alias, host, configFile, cancellationToken);
            checks.Add(dns);
            if (addresses is null) return [.. checks, .. Skip(server, DoctorStep.Dns, [DoctorStep.Tcp, .. sshSteps])];
            var tcp = await ConnectTcpAsync(alias, addresses, port, configFile, cancellationToken);
            checks.Add(tcp);
            if (!tcp.Passed) return [.. checks, .. Skip(server, DoctorStep.Tcp, sshSteps)];
        }

        await using var remote = new SshRemote(alias, runner);
        var started = Stopwatch.GetTimestamp();
        ModelSyncException? loginFailure = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RemoteTimeout);
            await remote.ConnectAsync(timeout.Token);
        }
        catch (ModelSyncException e)
        {
            loginFailure = e;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return
            [
                .. checks,
                DoctorStep.HostKey.Fail(server, $"ssh did not finish logging in within {RemoteTimeout.TotalSeconds:0} s",
                    "run `ssh -v` to the server to see where it waits; a login shell that waits for input (~/.bashrc) is a common cause"),
                .. Skip(server, DoctorStep.HostKey, [DoctorStep.Authentication, .. AfterLogin]),
            ];
        }
        // Logged in but the probe failed in the login shell: the checks below say how.
        if (loginFailure is not null && !await LoggedInAnywayAsync(remote, loginFailure, cancellationToken))
        {
            var login = DoctorVerdicts.LoginFailed(alias, loginFailure);
            var failed = login.First(c => !c.Passed).Step;
            return [.. checks, .. login, .. Skip(server, failed, AfterLogin)];
        }
        var loginTime = Stopwatch.GetElapsedTime(started);
        var user = settings?.User ?? alias.User ?? Environment.UserName;
        checks.Add(DoctorStep.HostKey.Ok(server, "known"));
        checks.Add(DoctorStep.Authentication.Ok(server, $"logged in as {user} ({ModelSync.Text.Human.Seconds(loginTime.TotalSeconds)})"));

        var place = new DoctorPlace(server, IsLocal: false, user, configFile) { PreferredHash = preferredHash };
        var (inspection, inspectError, localNow) = await InspectAsync(remote, cancellationToken);
        var path = RemoteInspection.ResolveModelBase(alias.ModelBase, inspection?.Home);
        var (probe, probeError) = await ProbeModelBaseAsync(remote, path, cancellationToken);
        var (shellOutput, shellTime) = await ShellAsync(remote, server, cancellationToken);
        return
        [
            .. checks,
            DoctorVerdicts.RemoteRsync(server, inspection, inspectError),
            DoctorVerdicts.ModelBase(place, path, probe, probeError),
            DoctorVerdicts.FreeSpace(place, path, probe, probeError),
            DoctorVerdicts.HashTools(place, inspection, inspectError),
            DoctorVerdicts.ClockSkew(server, inspection, inspectError, localNow),
            shellOutput,
            shellTime,
        ];
    }

    /// <summary>
    /// ssh exits 255 for its own failures (host key, authentication, network), and otherwise with the remote
    /// command's status, which the connect error does not tell apart. For an error ssh's stderr did not explain,
    /// a bare <c>exit 0</c> shows whether the login itself worked.
    /// </summary>
    private static async Task<bool> LoggedInAnywayAsync(SshRemote remote, ModelSyncException failure, CancellationToken cancellationToken)
    {
        if (!DoctorVerdicts.IsUnexplainedSshFailure(failure)) return false;
        var (result, _) = await RunAsync(t => remote.ExecCaptureAsync("exit 0", t), RemoteTimeout, cancellationToken);
        return result is { ExitCode: not 255 };
    }

    private static IEnumerable<DoctorCheck> Skip(string server, DoctorStep failed, IEnumerable<DoctorStep> steps) =>
        steps.Select(s => s.Skip(server, DoctorVerdicts.SkippedBecause(failed)));

    /// <summary>What ssh will really use (HostName, Port, User, keys, proxy) after ~/.ssh/config; null if it refuses.</summary>
    private static async Task<SshSettings?> SshSettingsAsync(ServerAlias alias, IProcessRunner runner, CancellationToken cancellationToken)
    {
        var (result, _) = await RunAsync(t => runner.RunAsync(SshConfig.Query(alias), t), NetworkTimeout, cancellationToken);
        return SshConfig.From(result) is { } config ? SshSettings.From(config) : null;
    }

    private static async Task<(DoctorCheck Check, IReadOnlyList<IPAddress>? Addresses)> ResolveAsync(ServerAlias alias, string host, string configFile, CancellationToken cancellationToken)
    {
        var server = alias.Name;
        var name = host == alias.Host ? host : $"{alias.Host} (HostName {host} in your ssh config)";
        if (IPAddress.TryParse(host, out var ip)) return (DoctorStep.Dns.Ok(server, $"{name} is an IP address"), [ip]);
        var fix = $"check host: of '{server}' in {configFile} (a host name, an IP address or a Host alias from ~/.ssh/config) and your DNS";
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).WaitAsync(NetworkTimeout, cancellationToken);
            if (addresses.Length == 0) return (DoctorStep.Dns.Fail(server, $"{name} has no address", fix), null);
            return (DoctorStep.Dns.Ok(server, $"{name} → {string.Join(", ", addresses.Take(3).Select(a => a.ToString()))}"), addresses);
        }
        catch (SocketException e)
        {
            return (DoctorStep.Dns.Fail(server, $"cannot resolve {name}: {e.Message}", fix), null);
        }
        catch (TimeoutException)
        {
            return (DoctorStep.Dns.Fail(server, $"no answer from DNS for {name} within {NetworkTimeout.TotalSeconds:0} s",
                $"check your DNS servers (/etc/resolv.conf), or {fix}"), null);
        }
    }

    /// <summary>Connects to the configured host's addresses only, in order, each for at most <see cref="NetworkTimeout"/>.</summary>
    private static async Task<DoctorCheck> ConnectTcpAsync(ServerAlias alias, IReadOnlyList<IPAddress> addresses, int port, string configFile, CancellationToken cancellationToken)
    {
        var server = alias.Name;
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var failures = new List<string>();
        var refused = false;
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, port);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(NetworkTimeout);
            using var client = new TcpClient(address.AddressFamily);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await client.ConnectAsync(endpoint, timeout.Token);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                return DoctorStep.Tcp.Ok(server, $"{endpoint} accepts connections ({ms.ToString("0.#", CultureInfo.InvariantCulture)} ms)");
            }
            catch (SocketException e)
            {
                refused |= e.SocketErrorCode == SocketError.ConnectionRefused;
                failures.Add(e.SocketErrorCode == SocketError.ConnectionRefused ? $"{endpoint} refused the connection" : $"{endpoint}: {e.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"no answer from {endpoint} within {NetworkTimeout.TotalSeconds:0} s");
            }
        }
        var fix = refused
            ? $"nothing listens on port {portText} there: check port: of '{server}' in {configFile} (or Port in ~/.ssh/config), and that sshd runs on the server"
            : $"check that the server is up and that no firewall blocks port {portText}";
        return DoctorStep.Tcp.Fail(server, string.Join("; ", failures), fix);
    }

    /// <summary>Asks the place what it has (<see cref="IRemote.InspectAsync"/>); also returns this machine's clock (epoch seconds) halfway through.</summary>
    private static async Task<(RemoteInspection? Inspection, string Error, double LocalNow)> InspectAsync(IRemote remote, CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (inspection, error) = await AskAsync(remote.InspectAsync, cancellationToken);
        var localNow = (before + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) / 2000.0;
        return (inspection, error, localNow);
    }

    private static Task<(ModelBaseProbe? Probe, string Error)> ProbeModelBaseAsync(IRemote remote, string path, CancellationToken cancellationToken) =>
        AskAsync(t => remote.CheckModelBaseAsync(path, t), cancellationToken);

    /// <summary>One question to the place within <see cref="RemoteTimeout"/>: its answer, or null and why there is none.</summary>
    private static async Task<(T? Value, string Error)> AskAsync<T>(Func<CancellationToken, Task<PlaceAnswer<T>>> ask, CancellationToken cancellationToken) where T : class
    {
        var (answer, error) = await WithinAsync(ask, RemoteTimeout, a => a.ExitCode == 0 ? "" : Exited(a.ExitCode, a.Error), cancellationToken);
        var value = answer is { ExitCode: 0 } ? answer.Value : null;
        return (value, value is null ? NoAnswer(error) : "");
    }

    /// <summary>A bare <c>true</c> through the login shell, <see cref="ShellRuns"/> times: what it prints, and the median time.</summary>
    private static async Task<(DoctorCheck Output, DoctorCheck Time)> ShellAsync(SshRemote remote, string server, CancellationToken cancellationToken)
    {
        var times = new List<TimeSpan>();
        ProcessResult? first = null;
        var error = "";
        for (var i = 0; i < ShellRuns; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (result, runError) = await RunAsync(t => remote.ExecCaptureAsync("true", t), RemoteTimeout, cancellationToken);
            if (result is null)
            {
                error = runError;
                break;
            }
            times.Add(Stopwatch.GetElapsedTime(started));
            first ??= result;
        }
        var output = first is null
            ? DoctorStep.ShellOutput.Fail(server, $"could not run a bare command: {error}", "run `ssh -v` to the server to see where it waits")
            : DoctorVerdicts.ShellOutput(server, first);
        TimeSpan? median = times.Count == 0 ? null : times.Order().ElementAt(times.Count / 2);
        return (output, DoctorVerdicts.ShellTime(server, median, $"could not time a bare command: {error}"));
    }

    private static string NoAnswer(string error) => error.Length > 0 ? error : "the script printed no answer";

    /// <summary>
    /// Runs one step with a time limit. The result whatever its exit code, or null and why (no answer, not started);
    /// for a non-zero exit the second value says how it ended.
    /// </summary>
    private static Task<(ProcessResult? Result, string Error)> RunAsync(Func<CancellationToken, Task<ProcessResult>> run, TimeSpan limit, CancellationToken cancellationToken) =>
        WithinAsync(run, limit, r => r.ExitCode == 0 ? "" : Exited(r.ExitCode, SshFailure.LastLine(r.Stderr)), cancellationToken);

    private static string Exited(int exitCode, string lastError) => $"exit {exitCode.ToString(CultureInfo.InvariantCulture)}: {DoctorVerdicts.Excerpt(lastError)}";

    /// <summary>Runs one step with a time limit: its result and <paramref name="howItEnded"/>, or null and why there is none.</summary>
    private static async Task<(T? Result, string Error)> WithinAsync<T>(Func<CancellationToken, Task<T>> run, TimeSpan limit, Func<T, string> howItEnded,
        CancellationToken cancellationToken) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            var result = await run(timeout.Token);
            return (result, howItEnded(result));
        }
        catch (ModelSyncException e)
        {
            return (null, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {limit.TotalSeconds:0} s");
        }
    }
}
