using System.Globalization;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Text;

namespace ModelSync.Doctor;

/// <summary>Pure rules that turn what a check saw into its row: result, status and the exact fix.</summary>
public static class DoctorVerdicts
{
    /// <summary>A bare remote command slower than this costs every remote step noticeably.</summary>
    public static readonly TimeSpan SlowShell = TimeSpan.FromSeconds(0.3);

    /// <summary>Clock difference (seconds) above which the clock check warns.</summary>
    public const double MaxClockSkewSeconds = 60;

    private const string GuardFix =
        "put `[ -z \"$PS1\" ] && return` above it in the server's ~/.bashrc, or move it to ~/.bash_profile";

    /// <summary>
    /// The host-key and authentication rows for an ssh login that failed, from the error <see cref="SshFailure"/>
    /// made of ssh's stderr. ssh checks the host key before it authenticates, so a rejected login means the key was known;
    /// any other failure stops at the handshake, which is the host-key row.
    /// </summary>
    public static IReadOnlyList<DoctorCheck> LoginFailed(ServerAlias alias, ModelSyncException failure)
    {
        var server = alias.Name;
        if (failure.Message.StartsWith("authentication to ", StringComparison.Ordinal))
        {
            var key = alias.SshKey ?? "~/.ssh/id_ed25519";
            var target = (alias.Port is { } port ? $"-p {port.ToString(CultureInfo.InvariantCulture)} " : "") + (alias.User is { } user ? user + "@" : "") + alias.Host;
            return
            [
                DoctorStep.HostKey.Ok(server, "known"),
                DoctorStep.Authentication.Fail(server, failure.Message,
                    $"{failure.Fix}; to authorize a key there: `ssh-copy-id -i {key}.pub {target}`"),
            ];
        }
        return
        [
            DoctorStep.HostKey.Fail(server, failure.Message, failure.Fix ?? "run `ssh -v` to the server to see why"),
            DoctorStep.Authentication.Skip(server, SkippedBecause(DoctorStep.HostKey)),
        ];
    }

    /// <summary>True for <see cref="SshFailure"/>'s catch-all: ssh's stderr matched no known cause (host key, login, network).</summary>
    public static bool IsUnexplainedSshFailure(ModelSyncException failure) =>
        failure.Message.StartsWith("ssh to ", StringComparison.Ordinal);

    public static string SkippedBecause(DoctorStep failed) => $"needs {failed.Label}";

    /// <summary><c>OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024</c> → <c>OpenSSH_9.6p1 Ubuntu-3ubuntu13.5</c>.</summary>
    public static string SshVersion(string versionOutput)
    {
        var line = versionOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 ? line[..comma] : line;
    }

    public static DoctorCheck RemoteRsync(string server, RemoteInspection? inspection, string inspectError) =>
        inspection is null ? NotInspected(DoctorStep.RemoteRsync, server, inspectError)
        : inspection.RsyncVersion is { } version ? DoctorStep.RemoteRsync.Ok(server, RsyncVersion.Number(version))
        : DoctorStep.RemoteRsync.Fail(server, "not found on the PATH of a non-interactive ssh session",
            "install it there (e.g. `apt-get install rsync`), or add its directory to PATH in the server's ~/.bashrc above any `return`");

    /// <summary>
    /// openssl or sha256sum computes sha256, which verification can always fall back to; xxhsum and b3sum compute
    /// the faster xxh128 and blake3, so a <c>defaults.hash</c> whose program is missing here warns.
    /// </summary>
    public static DoctorCheck HashTools(DoctorPlace place, RemoteInspection? inspection, string inspectError)
    {
        var server = place.Server;
        if (inspection is null) return NotInspected(DoctorStep.HashTools, server, inspectError);
        // The programs for sha256, which every place needs, first; then the faster ones by name.
        var sha256 = HashFunction.Sha256.Tools;
        string[] all = [.. sha256, .. HashFunction.AllTools.Except(sha256).Order(StringComparer.Ordinal)];
        var found = all.Where(inspection.HashTools.Contains).ToList();
        var missing = all.Except(found).ToList();
        var result = (found.Count == 0 ? "none" : string.Join(", ", found)) + (missing.Count == 0 ? "" : $" (not found: {string.Join(", ", missing)})");
        var where = place.IsLocal ? "" : " there";
        if (!HashFunction.Sha256.AvailableWith(found))
            return DoctorStep.HashTools.Fail(server, result, $"install openssl or GNU coreutils (sha256sum){where}: verification hashes with sha256 at least");
        var preferred = place.PreferredHash;
        if (!preferred.AvailableWith(found))
            return DoctorStep.HashTools.Warn(server, result,
                $"install the {preferred.Package} package{where}: defaults.hash is {preferred.Name}, which falls back to sha256 without {string.Join(" or ", preferred.Tools)}");
        return DoctorStep.HashTools.Ok(server, result);
    }

    /// <summary>The server's <c>date +%s</c> against <paramref name="localNow"/>, this machine's clock (epoch seconds) halfway through the request.</summary>
    public static DoctorCheck ClockSkew(string server, RemoteInspection? inspection, string inspectError, double localNow)
    {
        if (inspection is null) return NotInspected(DoctorStep.ClockSkew, server, inspectError);
        if (inspection.Now is not { } now)
            return DoctorStep.ClockSkew.Fail(server, "the server did not tell its time (`date +%s`)", "check that GNU coreutils' date works there");
        // date +%s truncates: the server's true time lies within the second after it, so compare with its middle.
        return ClockSkew(server, now + 0.5 - localNow);
    }

    /// <summary><paramref name="skewSeconds"/>: the server's clock minus this machine's; over a minute either way warns.</summary>
    public static DoctorCheck ClockSkew(string server, double skewSeconds)
    {
        var rounded = Math.Round(skewSeconds);
        var text = rounded == 0 ? "in step (0 s)"
            : $"{Math.Abs(rounded).ToString("0", CultureInfo.InvariantCulture)} s {(rounded > 0 ? "ahead of" : "behind")} this machine";
        return Math.Abs(skewSeconds) <= MaxClockSkewSeconds
            ? DoctorStep.ClockSkew.Ok(server, text)
            : DoctorStep.ClockSkew.Warn(server, text,
                "turn on time sync on both machines (`timedatectl set-ntp true`, chrony or ntpd): a skewed clock gives files modification times in the future");
    }

    /// <summary>A bare <c>true</c> over ssh must print nothing: anything on stdout corrupts rsync's protocol.</summary>
    public static DoctorCheck ShellOutput(string server, ProcessResult result)
    {
        if (result.Stdout.Length > 0)
            return DoctorStep.ShellOutput.Fail(server,
                $"the login shell prints {Human.Count(result.Stdout.Length, "byte")} for a bare command (\"{Excerpt(result.StdoutText)}\"), which breaks rsync's protocol",
                "guard the print: " + GuardFix);
        if (result.ExitCode != 0)
            return DoctorStep.ShellOutput.Fail(server,
                $"a bare `true` exits {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {Excerpt(SshFailure.LastLine(result.Stderr))}",
                "fix the failing command in the server's ~/.bashrc (or /etc/bash.bashrc), or guard it: " + GuardFix);
        if (result.Stderr.Trim().Length > 0)
            return DoctorStep.ShellOutput.Warn(server, $"the login shell writes to stderr for a bare command (\"{Excerpt(result.Stderr)}\")",
                "quiet it: " + GuardFix);
        return DoctorStep.ShellOutput.Ok(server, "a bare command prints nothing");
    }

    public static DoctorCheck ShellTime(string server, TimeSpan? perCommand, string error)
    {
        if (perCommand is not { } time) return DoctorStep.ShellTime.Fail(server, error, "run `ssh -v` to the server to see where it waits");
        var text = $"{Human.Seconds(time.TotalSeconds)} per remote command";
        return time <= SlowShell
            ? DoctorStep.ShellTime.Ok(server, text)
            : DoctorStep.ShellTime.Warn(server, text + ", paid by every remote step",
                "make the server's ~/.bashrc fast for non-interactive shells: put `[ -z \"$PS1\" ] && return` above `pyenv init`, " +
                "a conda initialize block or nvm (the usual causes), or move them to ~/.bash_profile");
    }

    /// <summary>model_base must be a writable directory, or be creatable by the first push.</summary>
    public static DoctorCheck ModelBase(DoctorPlace place, string path, ModelBaseProbe? probe, string probeError)
    {
        var server = place.Server;
        if (probe is null) return NotInspected(DoctorStep.ModelBase, server, probeError);
        var elsewhere = $"point model_base of '{server}' at a writable directory in {place.ConfigFile}";
        switch (probe.State)
        {
            case ModelBaseProbe.NotADirectory:
                return DoctorStep.ModelBase.Fail(server, $"{path} exists but is not a directory", $"point model_base of '{server}' at a directory in {place.ConfigFile}");
            case ModelBaseProbe.Missing:
                var ancestor = probe.Ancestor ?? "/";
                return probe.Writable is "yes" or "leftover"
                    ? DoctorStep.ModelBase.Warn(server, $"{path} does not exist yet; the first push creates it ({ancestor} is writable)",
                        $"nothing needed; to create it now: {place.Command($"mkdir -p {SingleQuoted.Word(path)}")}")
                    : DoctorStep.ModelBase.Fail(server, $"{path} does not exist and {ancestor} is not writable: {probe.Error}",
                        $"create it as a user who may: {place.Command($"sudo mkdir -p {SingleQuoted.Word(path)} && sudo chown {place.User} {SingleQuoted.Word(path)}")}, or {elsewhere}");
            default:
                return probe.Writable switch
                {
                    "yes" => DoctorStep.ModelBase.Ok(server, $"{path} exists and is writable"),
                    "leftover" => DoctorStep.ModelBase.Warn(server, $"{path} is writable, but the test file could not be removed",
                        $"remove the .model-sync-doctor.* files there: {place.Command($"rm -f {SingleQuoted.Word(path)}/.model-sync-doctor.*")}"),
                    _ => DoctorStep.ModelBase.Fail(server, $"{path} is not writable: {probe.Error}",
                        probe.Error?.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) == true
                            ? $"it is on a read-only file system: remount it read-write, or {elsewhere}"
                            : $"give {place.User} write access ({place.Command($"sudo chown -R {place.User} {SingleQuoted.Word(path)}")}), or {elsewhere}"),
                };
        }
    }

    public static DoctorCheck FreeSpace(DoctorPlace place, string path, ModelBaseProbe? probe, string probeError)
    {
        var server = place.Server;
        if (probe is null) return NotInspected(DoctorStep.FreeSpace, server, probeError);
        var at = probe.State == ModelBaseProbe.Missing && probe.Ancestor is { } ancestor ? ancestor : path;
        return probe.FreeBytes switch
        {
            null => DoctorStep.FreeSpace.Fail(server, $"cannot read the free space at {at}",
                $"check that `df -P -k` (GNU coreutils) works there: {place.Command($"df -P -k {SingleQuoted.Word(at)}")}"),
            0 => DoctorStep.FreeSpace.Fail(server, $"no space left at {at}", $"free some space there, or {place.ElsewhereFix}"),
            { } free => DoctorStep.FreeSpace.Ok(server, $"{Human.Bytes(free)} free at {at}"),
        };
    }

    private static DoctorCheck NotInspected(DoctorStep step, string server, string error) =>
        step.Fail(server, $"could not run the check there: {error}",
            $"check what the login shell's startup files (~/.bashrc) do without a terminal — PATH, exit, exec: `{ToolName.Command} exec {server} 'command -v sh; echo $PATH'`");

    /// <summary>At most 60 characters of <paramref name="text"/>, on one line.</summary>
    public static string Excerpt(string text)
    {
        var oneLine = text.Trim().Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }
}

/// <summary>Where a per-alias check runs: the alias, the login user, and how a fix command is written for it.</summary>
public sealed record DoctorPlace(string Server, bool IsLocal, string User, string ConfigFile)
{
    /// <summary>The config's <c>defaults.hash</c>, whose program this place should have.</summary>
    public HashFunction PreferredHash { get; init; } = HashFunction.Sha256;

    /// <summary>A shell command as the user should type it: as is for a local alias, through <c>model-sync exec</c> for a server.</summary>
    public string Command(string shellCommand) =>
        IsLocal ? $"`{shellCommand}`" : $"`{ToolName.Command} exec {Server} \"{shellCommand}\"`";

    public string ElsewhereFix => $"point model_base of '{Server}' at another file system in {ConfigFile}";
}
