using System.Globalization;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>A small new model's tar stream and the verify-and-publish after it, as one call (<see cref="RemoteScripts.TarFinish"/>).</summary>
public abstract partial class ShellRemote
{
    /// <summary>
    /// At most this much of expectations goes ahead of a tar stream (some 6,000 tiny files): a retry after a dropped
    /// connection, a second later, unpacks into the stage the first try's call may still be hashing and publishing, so
    /// that must take a fraction of a second. More finish in a call of their own.
    /// </summary>
    public const int MostAheadBytes = 2 * 1024 * 1024;

    public TarFinishCall? TarFinishCall(string target, StageFinishRequest request)
    {
        if (request.Source.RootKind != EntryKind.Directory) return null;
        var (arguments, stdin) = FinishStageInput(target, request);
        if (stdin.Length > MostAheadBytes) return null;
        string[] call = [StageNames.Stage(target), request.Retry ? "retry" : "first"];
        // Expectations small enough ride in the command line; more go on stdin ahead of the tar stream (ProcessPipe
        // writes the consumer's own stdin first), at the price of the script's reading them before it unpacks.
        var process = InlineInput.Escaped(stdin) is { } escaped
            ? ScriptProcess(RemoteScripts.TarFinish, [.. call, escaped, "0", .. arguments])
            : ScriptProcess(RemoteScripts.TarFinish, [.. call, "", stdin.Length.ToString(CultureInfo.InvariantCulture), .. arguments]) with { Stdin = stdin };
        return new TarFinishCall(process, stdout => ReadFinish(stdout, target, request));
    }
}
