using ModelSync.Errors;

namespace ModelSync.Doctor;

/// <summary>How one doctor check came out. A warning passes (exit 0) but names something worth fixing.</summary>
public enum CheckStatus
{
    Ok,
    Warning,
    Failed,

    /// <summary>Not run because an earlier check it depends on failed (no connection, no login).</summary>
    Skipped,
}

/// <summary>
/// One kind of check: <see cref="Name"/> is the stable JSON name, <see cref="Label"/> what the Markdown table shows
/// (prefixed with the alias for a per-server check).
/// </summary>
public sealed record DoctorStep(string Name, string Label)
{
    public static readonly DoctorStep Config = new("config", "config");
    public static readonly DoctorStep Ssh = new("ssh", "ssh (this machine)");
    public static readonly DoctorStep Rsync = new("rsync", "rsync (this machine)");
    public static readonly DoctorStep SshKey = new("ssh_key", "ssh key");
    public static readonly DoctorStep Dns = new("dns", "DNS");
    public static readonly DoctorStep Tcp = new("tcp", "TCP port");
    public static readonly DoctorStep HostKey = new("host_key", "host key");
    public static readonly DoctorStep Authentication = new("authentication", "authentication");
    public static readonly DoctorStep RemoteRsync = new("rsync", "rsync on server");
    public static readonly DoctorStep ModelBase = new("model_base", "model_base writable");
    public static readonly DoctorStep FreeSpace = new("free_space", "free space");
    public static readonly DoctorStep HashTools = new("hash_tools", "hash tools");
    public static readonly DoctorStep ClockSkew = new("clock_skew", "clock skew");
    public static readonly DoctorStep ShellOutput = new("shell_output", "clean shell");
    public static readonly DoctorStep ShellTime = new("shell_time", "remote command time");

    public DoctorCheck Ok(string? server, string result) => new(this, server, CheckStatus.Ok, result, null);

    public DoctorCheck Warn(string? server, string result, string fix) => new(this, server, CheckStatus.Warning, result, fix);

    public DoctorCheck Fail(string? server, string result, string fix) => new(this, server, CheckStatus.Failed, result, fix);

    public DoctorCheck Skip(string? server, string reason) => new(this, server, CheckStatus.Skipped, reason, null);
}

/// <summary>One row of <c>doctor</c>: what was checked (and on which alias, or null for this machine), how it went, and the fix.</summary>
public sealed record DoctorCheck(DoctorStep Step, string? Server, CheckStatus Status, string Result, string? Fix)
{
    public bool Passed => Status is CheckStatus.Ok or CheckStatus.Warning;
}

/// <summary>Every check in order. Exit 0 only when each one passed (warnings pass).</summary>
public sealed record DoctorResult(IReadOnlyList<DoctorCheck> Checks)
{
    public bool Ok => Checks.All(c => c.Passed);

    public int ExitCode => Ok ? ExitCodes.Ok : ExitCodes.Failed;
}
