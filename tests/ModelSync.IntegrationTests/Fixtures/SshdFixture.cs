using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fixtures;

/// <summary>
/// Starts a real OpenSSH <c>sshd</c> bound to 127.0.0.1 on a free port, with its own host key,
/// client key, authorized_keys and known_hosts, all under a short temp root. Never skips:
/// if sshd, ssh, ssh-keygen or rsync are missing, or sshd does not come up, initialization throws.
/// </summary>
public sealed class SshdFixture : IAsyncLifetime
{
    private const string SshdPath = "/usr/sbin/sshd";
    private const string InstallHint =
        "Run the suite through scripts/test.sh, which installs openssh-server, openssh-client and rsync when missing.";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly StringBuilder _sshdStderr = new();
    private Process? _sshd;
    private string? _sshPath;
    private string? _root;

    /// <summary>TCP port sshd listens on (127.0.0.1 only).</summary>
    public int Port { get; private set; }

    /// <summary>Temp root directory holding keys, sshd config, base dirs and generated configs.</summary>
    public string Root => _root ?? throw new InvalidOperationException("SshdFixture is not initialized.");

    /// <summary>Private ed25519 client key (no passphrase) authorized for <see cref="UserName"/>.</summary>
    public string ClientKeyPath => Path.Combine(Root, "client_key");

    /// <summary>known_hosts file containing <c>[127.0.0.1]:Port</c> with the server host key.</summary>
    public string KnownHostsPath => Path.Combine(Root, "known_hosts");

    /// <summary>Login user (the user running the tests).</summary>
    public string UserName { get; } = Environment.UserName;

    /// <summary>model_base of server "alpha" (empty at start).</summary>
    public string BaseA => Path.Combine(Root, "base-a");

    /// <summary>model_base of server "beta" (empty at start).</summary>
    public string BaseB => Path.Combine(Root, "base-b");

    /// <summary>model_base of server "local".</summary>
    public string LocalBase => Path.Combine(Root, "local");

    /// <summary>HOME of the remote login shell (has an empty .bashrc).</summary>
    public string RemoteHome => Path.Combine(Root, "home");

    /// <summary>What sshd wrote to stderr so far (for diagnostics).</summary>
    public string SshdStderr
    {
        get
        {
            lock (_sshdStderr)
            {
                return _sshdStderr.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        try
        {
            await InitializeCoreAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task InitializeCoreAsync()
    {
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException($"{SshdPath} not found (openssh-server is not installed). {InstallHint}");
        }

        _sshPath = FindOnPath("ssh") ?? throw new InvalidOperationException($"ssh not found on PATH (openssh-client is not installed). {InstallHint}");
        var sshKeygen = FindOnPath("ssh-keygen") ?? throw new InvalidOperationException($"ssh-keygen not found on PATH (openssh-client is not installed). {InstallHint}");
        _ = FindOnPath("rsync") ?? throw new InvalidOperationException($"rsync not found on PATH. {InstallHint}");

        _root = TempDirectory.Create("ms-it");
        Directory.CreateDirectory(BaseA);
        Directory.CreateDirectory(BaseB);
        Directory.CreateDirectory(LocalBase);
        Directory.CreateDirectory(RemoteHome);
        await File.WriteAllTextAsync(Path.Combine(RemoteHome, ".bashrc"), string.Empty);

        var hostKey = Path.Combine(Root, "host_key");
        await TestProcess.RunOkAsync(sshKeygen, ["-q", "-t", "ed25519", "-N", "", "-C", "ms-it-host", "-f", hostKey]);
        await TestProcess.RunOkAsync(sshKeygen, ["-q", "-t", "ed25519", "-N", "", "-C", "ms-it-client", "-f", ClientKeyPath]);

        var authorizedKeys = Path.Combine(Root, "authorized_keys");
        File.Copy(ClientKeyPath + ".pub", authorizedKeys, overwrite: true);

        if (!OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess && !Directory.Exists("/run/sshd"))
        {
            // Privilege separation directory; sshd refuses to start as root without it.
            Directory.CreateDirectory("/run/sshd");
            File.SetUnixFileMode("/run/sshd", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var hostPub = (await File.ReadAllTextAsync(hostKey + ".pub")).Trim();
        var hostPubParts = hostPub.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hostKeyEntry = hostPubParts.Length >= 2 ? hostPubParts[0] + " " + hostPubParts[1] : hostPub;

        // A free port can be taken between probing and sshd's bind; retry a few times.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            Port = GetFreePort();
            await File.WriteAllTextAsync(KnownHostsPath, $"[127.0.0.1]:{Port.ToString(CultureInfo.InvariantCulture)} {hostKeyEntry}\n");
            var configPath = Path.Combine(Root, "sshd_config");
            await File.WriteAllTextAsync(configPath, BuildSshdConfig(hostKey, authorizedKeys));
            try
            {
                await StartSshdAsync(configPath);
                return;
            }
            catch (InvalidOperationException ex)
            {
                lastError = ex;
                await StopSshdAsync();
                if (!SshdStderr.Contains("Address already in use", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }

        throw lastError ?? new InvalidOperationException("sshd did not start.");
    }

    public async Task DisposeAsync()
    {
        await StopSshdAsync();
        if (_root is not null) TempDirectory.Delete(_root);
    }

    /// <summary>
    /// Writes a model-sync YAML config (servers alpha, beta on this sshd and a local one) into
    /// <see cref="Root"/> under a unique name and returns its path. <paramref name="extraYaml"/> is appended raw.
    /// </summary>
    public string WriteConfig(string? extraYaml = null) =>
        TestConfig.Write(Root, [TestConfig.Ssh(this, "alpha", BaseA), TestConfig.Ssh(this, "beta", BaseB), new AliasSpec("local", LocalBase)], extraYaml);

    /// <summary>Runs <paramref name="remoteCommand"/> on the server with the real ssh client (as <see cref="UserName"/>).</summary>
    public Task<ProcessOutput> SshAsync(string remoteCommand) =>
        TestProcess.RunAsync(_sshPath ?? "ssh", [.. SshClientArgs(), $"{UserName}@127.0.0.1", remoteCommand]);

    /// <summary>
    /// The ssh client options used by <see cref="SshAsync"/> (without user@host), e.g. to build an
    /// <c>rsync -e</c> command line in tests. Ignores the user's and system ssh_config (<c>-F /dev/null</c>).
    /// </summary>
    public IReadOnlyList<string> SshClientArgs() =>
    [
        "-F", "/dev/null",
        "-p", Port.ToString(CultureInfo.InvariantCulture),
        "-i", ClientKeyPath,
        "-o", "IdentitiesOnly=yes",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "UserKnownHostsFile=" + KnownHostsPath,
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "ConnectTimeout=10",
        "-o", "LogLevel=ERROR",
    ];

    private string BuildSshdConfig(string hostKey, string authorizedKeys)
    {
        // UsePAM no skips PAM, but then sshd itself refuses accounts whose shadow password
        // starts with '!' (locked). Fall back to PAM in that case when running as root.
        var usePam = Environment.IsPrivilegedProcess && IsShadowLocked(UserName) && File.Exists("/etc/pam.d/sshd");
        var port = Port.ToString(CultureInfo.InvariantCulture);
        return string.Join('\n',
        [
            "ListenAddress 127.0.0.1",
            $"Port {port}",
            $"HostKey {hostKey}",
            $"PidFile {Path.Combine(Root, "sshd.pid")}",
            $"AuthorizedKeysFile {authorizedKeys}",
            "PubkeyAuthentication yes",
            "StrictModes no",
            usePam ? "UsePAM yes" : "UsePAM no",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            $"SetEnv HOME={RemoteHome}",
            "LogLevel ERROR",
            "MaxSessions 50",
            "MaxStartups 50:30:100",
            "PrintMotd no",
            "Subsystem sftp internal-sftp",
            string.Empty,
        ]);
    }

    private static bool IsShadowLocked(string user)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/shadow"))
            {
                var parts = line.Split(':');
                if (parts.Length > 1 && parts[0] == user)
                {
                    return parts[1].StartsWith('!');
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    private async Task StartSshdAsync(string configPath)
    {
        lock (_sshdStderr)
        {
            _sshdStderr.Clear();
        }

        var sshd = TestProcess.Start(SshdPath, ["-D", "-e", "-f", configPath], workingDirectory: Root);
        _sshd = sshd;
        sshd.ErrorDataReceived += (_, e) => AppendStderr(e.Data);
        sshd.OutputDataReceived += (_, e) => AppendStderr(e.Data);
        sshd.StandardInput.Close();
        sshd.BeginErrorReadLine();
        sshd.BeginOutputReadLine();

        var lastProbe = new ProcessOutput(-1, string.Empty, string.Empty);
        await Eventually.TrueAsync(
            async () =>
            {
                if (sshd.HasExited)
                {
                    await sshd.WaitForExitAsync(); // until the stderr reader has drained
                    throw new InvalidOperationException(
                        $"sshd exited with code {sshd.ExitCode} during startup (port {Port}). sshd stderr:\n{SshdStderr}\n{InstallHint}");
                }

                try
                {
                    lastProbe = await TestProcess.RunAsync(_sshPath!, [.. SshClientArgs(), $"{UserName}@127.0.0.1", "true"], ProbeTimeout);
                }
                catch (TimeoutException)
                {
                    lastProbe = new ProcessOutput(-1, string.Empty, "probe timed out");
                }

                return lastProbe.ExitCode == 0;
            },
            StartupTimeout,
            $"sshd on 127.0.0.1:{Port} to accept an ssh login",
            () => $"last ssh probe exit {lastProbe.ExitCode}, stderr:\n{lastProbe.Stderr}\nsshd stderr:\n{SshdStderr}\n{InstallHint}");
    }

    private void AppendStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_sshdStderr)
        {
            _sshdStderr.AppendLine(line);
        }
    }

    /// <summary>
    /// A server restart: stops sshd and every session it serves (connections drop mid-transfer), then starts it
    /// again on the same port with the same keys.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopSshdAsync();
        await StartSshdAsync(Path.Combine(Root, "sshd_config"));
    }

    /// <summary>
    /// A server down until <paramref name="back"/> completes: every session drops, and every new connection is refused
    /// meanwhile; then it starts again on the same port with the same keys.
    /// </summary>
    public async Task DownUntilAsync(Task back)
    {
        await StopSshdAsync();
        try
        {
            await back;
        }
        finally
        {
            await StartSshdAsync(Path.Combine(Root, "sshd_config"));
        }
    }

    private async Task StopSshdAsync()
    {
        var sshd = _sshd;
        _sshd = null;
        if (sshd is null)
        {
            return;
        }

        try
        {
            if (!sshd.HasExited)
            {
                sshd.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await sshd.WaitForExitAsync(cts.Token);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        catch (OperationCanceledException)
        {
            // gave up waiting
        }
        finally
        {
            sshd.Dispose();
        }
    }

    private static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/bin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>Tests in this collection share one sshd.</summary>
[CollectionDefinition("sshd")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit collection definition naming.")]
public sealed class SshdCollection : ICollectionFixture<SshdFixture>
{
}
