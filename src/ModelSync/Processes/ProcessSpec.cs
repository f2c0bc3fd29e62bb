namespace ModelSync.Processes;

/// <summary>
/// A child process to start: a program and its argument list (never a command string).
/// <see cref="Stdin"/> is written then closed; null closes stdin at once.
/// <see cref="OnStdoutLine"/> sees each stdout line as it arrives, and only it: the output is not also kept and returned
/// (rsync prints a line or two per file, megabytes for a model of many files).
/// </summary>
public sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments)
{
    public string? WorkingDirectory { get; init; }
    public byte[]? Stdin { get; init; }
    public Action<string>? OnStdoutLine { get; init; }
    public Action<string>? OnStderrLine { get; init; }

    /// <summary>When true the child shares this process's stdin, stdout and stderr (for <c>exec</c>); nothing is captured.</summary>
    public bool InheritStdio { get; init; }

    /// <summary>
    /// When true the child is ended (SIGTERM) if this process dies without cleaning up (<c>kill -9</c>), so an
    /// orphaned rsync never keeps writing into a stage that the next run resumes.
    /// </summary>
    public bool EndWithParent { get; init; }

    /// <summary>
    /// When set, the child's stdout is handed to this instead of being captured (the result's stdout is then
    /// empty): for a stream too big to hold, such as an archive piped from one server to another.
    /// </summary>
    public Func<Stream, Task>? ReadStdout { get; init; }

    /// <summary>When set, writes the child's stdin (closed when it returns) instead of <see cref="Stdin"/>.</summary>
    public Func<Stream, Task>? WriteStdin { get; init; }

    public override string ToString() => FileName + " " + string.Join(' ', Arguments);
}

/// <summary>What a finished child process left: its exit code, raw stdout and stderr text.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
}
