namespace ModelSync.Errors;

/// <summary>Process exit codes, shared by every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int VerificationFailed = 3;
    public const int Interrupted = 130;
}

/// <summary>
/// A failure the user can act on: <see cref="Exception.Message"/> says what is wrong,
/// <see cref="Fix"/> says what to do. The CLI prints both on one line and exits with <see cref="ExitCode"/>.
/// </summary>
public class ModelSyncException : Exception
{
    public ModelSyncException(string message, int exitCode = ExitCodes.Failed, string? fix = null, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
        Fix = fix;
    }

    public ModelSyncException() : this("model-sync failed") { }

    public ModelSyncException(string message) : this(message, ExitCodes.Failed) { }

    public ModelSyncException(string message, Exception inner) : this(message, ExitCodes.Failed, null, inner) { }

    public int ExitCode { get; }

    public string? Fix { get; }

    /// <summary>True when trying again may succeed: a dropped connection, a restarting sshd, a timeout.</summary>
    public bool Transient { get; init; }

    public static ModelSyncException Usage(string message, string? fix = null) => new(message, ExitCodes.Usage, fix);
}
