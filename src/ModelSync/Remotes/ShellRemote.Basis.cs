using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>What a new version needs to start from an older one beside it: the versions there, and a stage seeded from one.</summary>
public abstract partial class ShellRemote
{
    public async Task PrepareStageFromAsync(string target, EntryKind kind, string basis, IReadOnlyCollection<string> files, bool replaceStage, CancellationToken cancellationToken)
    {
        var directory = kind == EntryKind.Directory;
        await RunCheckedAsync(RemoteScripts.PrepareStage,
            [target, StageNames.Stage(target), StageNames.Seed(target), "basis", directory ? "d" : "f", basis, replaceStage ? "replace" : "keep"],
            "prepare the staging area from " + PosixPath.Name(basis), cancellationToken, directory ? PathBytes.NulTerminated(files, "./") : []);
    }

    public async Task<IReadOnlyList<TreeEntry>> ListDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        var result = await RunCheckedAsync(RemoteScripts.ListDirectory, [directory, FindOutput.PrintfFormat], $"list {directory}", cancellationToken);
        if (result.Stdout.Length == 0) return [];
        try
        {
            return FindOutput.Parse(result.Stdout).Entries;
        }
        catch (FormatException e)
        {
            throw new Errors.ModelSyncException($"cannot read the listing of {directory} on {Alias.Name}: {e.Message}", Errors.ExitCodes.Failed,
                "check that GNU find is installed there");
        }
    }
}
