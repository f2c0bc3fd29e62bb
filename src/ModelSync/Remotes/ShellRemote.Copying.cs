using System.Globalization;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>The processes a relayed or followed copy streams through, as <see cref="CopyScripts"/> and <see cref="FollowScripts"/> run there.</summary>
public abstract partial class ShellRemote
{
    public ProcessSpec TarSendProcess(string root, EntryKind rootKind, IEnumerable<string> paths) =>
        rootKind == EntryKind.Directory
            ? ScriptProcess(CopyScripts.TarSend, [root, "dir"]) with { Stdin = PathBytes.NulTerminated([".", .. paths.Select(p => "./" + p)]) }
            : ScriptProcess(CopyScripts.TarSend, [PosixPath.Parent(root), "file"]) with { Stdin = PathBytes.NulTerminated(["./" + PosixPath.Name(root)]) };

    public ProcessSpec TarReceiveProcess(string stage, EntryKind kind, string fileName, IReadOnlyCollection<string> directories)
    {
        var made = kind == EntryKind.Directory && directories.Count > 0 ? PathBytes.NulTerminated(directories, "./") : null;
        return ScriptProcess(CopyScripts.TarReceive, [stage, kind == EntryKind.Directory ? "d" : "f", fileName, (made?.Length ?? 0).ToString(CultureInfo.InvariantCulture)])
            with { Stdin = made };
    }

    public async Task RemoveFromStageAsync(string stage, IEnumerable<string> paths, CancellationToken cancellationToken) =>
        await RunCheckedAsync(CopyScripts.RemoveListed, [stage], "remove files from the staging area", cancellationToken, PathBytes.NulTerminated(paths, "./"));

    public ProcessSpec HashWhileWrittenProcess(HashFunction function, IReadOnlyCollection<string> finalPaths) =>
        ScriptProcess(FollowScripts.HashWhileWritten, [function.Name, .. finalPaths]);
}
