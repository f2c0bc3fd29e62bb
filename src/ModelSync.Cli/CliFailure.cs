using ModelSync.Errors;
using ModelSync.Reporting;
using ModelSync.Text;

namespace ModelSync.Cli;

/// <summary>
/// How a failure reaches the user, whatever it was: one <c>error: what — fix</c> line on stderr and, with --json,
/// the one error document on stdout. An exception no code anticipated is a bug: it says so, and how to report it.
/// </summary>
public static class CliFailure
{
    public const string DebugVariable = "MODEL_SYNC_DEBUG";

    public static int Write(TextWriter output, TextWriter error, bool json, int code, string message, string? fix)
    {
        if (json) JsonOutput.WriteError(output, code, message, fix);
        error.WriteLine(Printable.Text($"error: {message}{(fix is null ? "" : " — " + fix)}"));
        return code;
    }

    /// <summary>
    /// Exit 1 with the exception's type and message on one line and a fix that asks for a report, naming the command
    /// line (<paramref name="args"/>) to rerun with <see cref="DebugVariable"/> set, which prints the stack trace first.
    /// </summary>
    public static int Unexpected(TextWriter output, TextWriter error, bool json, Exception exception, IReadOnlyList<string> args)
    {
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1") error.WriteLine(exception);
        var version = typeof(CliFailure).Assembly.GetName().Version?.ToString(3);
        var rerun = ShellWords.Join([DebugVariable + "=1"]) + " " + ToolName.With(args);
        return Write(output, error, json, ExitCodes.Failed, $"unexpected {exception.GetType().Name}: {OneLine(exception.Message)}",
            $"this is a bug in model-sync {version}: please report it with the command and the output of `{rerun}` (it adds the stack trace)");
    }

    /// <summary>A message as one printable line: line breaks and other control characters become spaces, and it stops at 300 characters.</summary>
    private static string OneLine(string message)
    {
        var line = string.Concat(message.Select(c => char.IsControl(c) ? ' ' : c)).Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
