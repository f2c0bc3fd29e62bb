using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Text;

namespace ModelSync.Remotes;

/// <summary>One line for a remote step that failed, recognising the failures a user can fix.</summary>
public static class RemoteFailure
{
    public static ModelSyncException Describe(ServerAlias alias, string what, ProcessResult result)
    {
        if (!alias.IsLocal && result.ExitCode == 255) return SshFailure.Classify(alias, result.Stderr);
        var text = result.Stderr;
        var detail = Detail(text);
        if (text.Contains("No space left on device", StringComparison.Ordinal) || text.Contains("Disk quota exceeded", StringComparison.Ordinal))
            return new ModelSyncException($"no space left on {alias.Name} while trying to {what}", ExitCodes.Failed,
                "free space there (see `{ToolName.Command} servers --check`) and run the same command again to resume");
        if (text.Contains("Read-only file system", StringComparison.Ordinal))
            return new ModelSyncException($"read-only file system on {alias.Name} while trying to {what}", ExitCodes.Failed,
                "choose a writable model_base or path");
        if (text.Contains("Permission denied", StringComparison.Ordinal))
            return new ModelSyncException($"permission denied on {alias.Name} while trying to {what}: {detail}", ExitCodes.Failed,
                $"check that {(alias.User ?? "the login user")} may write there, or pick another path");
        if (text.Contains("Not a directory", StringComparison.Ordinal))
            return new ModelSyncException($"a path on {alias.Name} runs through a file, not a directory, while trying to {what}: {detail}", ExitCodes.Failed,
                "check model_base in the config and the target path");
        return new ModelSyncException($"could not {what} on {alias.Name} (exit {result.ExitCode}): {detail}", ExitCodes.Failed,
            $"check the path and that {(alias.User ?? "the login user")} may write there; `{ToolName.Command} servers --check` tests the connection");
    }

    /// <summary>
    /// The line that says what went wrong: the last, unless it is tar's closing summary, which only points back at the
    /// error it printed before.
    /// </summary>
    internal static string Detail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length > 1 && lines[^1].EndsWith(TarSummary, StringComparison.Ordinal))
            return lines.Take(lines.Length - 1).FirstOrDefault(l => l.StartsWith("tar: ", StringComparison.Ordinal)) ?? lines[^2];
        return lines.Length == 0 ? "no message" : lines[^1];
    }

    private const string TarSummary = "Exiting with failure status due to previous errors";
}
