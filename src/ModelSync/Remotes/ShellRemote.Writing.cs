using System.Globalization;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>Staging, publishing and locking, as <see cref="RemoteScripts"/> run there.</summary>
public abstract partial class ShellRemote
{
    public async Task PrepareStageAsync(string target, EntryKind kind, bool seedFromTarget, CancellationToken cancellationToken)
    {
        var directory = kind == EntryKind.Directory;
        var seed = seedFromTarget ? "seed" : directory ? "dir" : "file";
        await RunCheckedAsync(RemoteScripts.PrepareStage, [target, StageNames.Stage(target), StageNames.Seed(target), seed, directory ? "d" : "f"],
            "prepare the staging area", cancellationToken);
    }

    public async Task WriteManifestAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken)
    {
        var json = manifest.SerializeToUtf8();
        await RunCheckedAsync(RemoteScripts.WriteManifest, RemoteScripts.WriteManifestArguments(directory, json.Length), "write the manifest", cancellationToken, json);
    }

    public async Task RemoveManifestAsync(string directory, CancellationToken cancellationToken) =>
        await RunCheckedAsync(RemoteScripts.RemoveManifest, RemoteScripts.RemoveManifestArguments(directory), "remove the old manifest", cancellationToken);

    public async Task<PreviousVersionLeft?> PublishAsync(string target, CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync(RemoteScripts.Publish, [StageNames.Stage(target), target, StageNames.Old(target)], cancellationToken);
        if (result.ExitCode == RemoteScripts.PublishedOldLeft) return new PreviousVersionLeft(StageNames.Old(target), PreviousVersionLeft.WhyFrom(result.Stderr));
        if (result.ExitCode != 0) throw RemoteFailure.Describe(Alias, "move the verified copy into place", result);
        return null;
    }

    public async Task<PublishState> PublishStateAsync(string target, CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync(RemoteScripts.PublishState, [StageNames.Stage(target), StageNames.Old(target), target], cancellationToken);
        return result.ExitCode != 0 ? PublishState.Unknown : result.StdoutText.Trim() switch
        {
            "published" => PublishState.Published,
            "kept" => PublishState.Kept,
            "busy" => PublishState.Busy,
            "gone" => PublishState.Gone,
            _ => PublishState.Unknown,
        };
    }

    public async Task<LockAttempt> TryTakeLockAsync(string target, LockHolder holder, CancellationToken cancellationToken)
    {
        var result = await RunCheckedAsync(RemoteScripts.LockAcquire, [StageNames.Lock(target), holder.Serialize(), StageNames.Resume(target)], "take the lock", cancellationToken);
        return ReadLockAnswer(result.StdoutText);
    }

    /// <summary>Pure: <see cref="RemoteScripts.LockAcquire"/>'s answer, <c>acquired</c> or <c>held AGE_SECONDS</c> and the holder's lines.</summary>
    internal static LockAttempt ReadLockAnswer(string stdout)
    {
        var lines = stdout.Split('\n');
        if (lines[0] == "acquired") return new LockAttempt.Taken();
        var age = TimeSpan.FromSeconds(long.TryParse(lines[0].Split(' ').Last(), CultureInfo.InvariantCulture, out var s) ? s : 0);
        return new LockAttempt.Held(LockHolder.Parse(lines.Skip(1)), age);
    }

    public async Task BreakLockAsync(string target, CancellationToken cancellationToken) =>
        await RunCheckedAsync(RemoteScripts.LockBreak, [StageNames.Lock(target)], "break the stale lock", cancellationToken);

    public async Task ReleaseLockAsync(string target, string token, CancellationToken cancellationToken) =>
        await RunScriptAsync(RemoteScripts.LockRelease, [StageNames.Lock(target), token, StageNames.Stage(target), StageNames.Resume(target)], cancellationToken);

    public async Task<IReadOnlyList<LockHolder?>> ReadHoldersAsync(IReadOnlyList<string> records, CancellationToken cancellationToken)
    {
        var result = await RunCheckedAsync(RemoteScripts.ReadHolders, records, "read the lock holders", cancellationToken);
        return ReadHolderRecords(result.StdoutText, records.Count);
    }

    /// <summary>Pure: <see cref="RemoteScripts.ReadHolders"/>'s answer, one holder per record asked for (null: unreadable).</summary>
    internal static IReadOnlyList<LockHolder?> ReadHolderRecords(string stdout, int count)
    {
        var groups = new List<List<string>>();
        foreach (var line in stdout.Split('\n'))
        {
            if (line == "record") groups.Add([]);
            else if (groups.Count > 0 && line.Contains('=', StringComparison.Ordinal)) groups[^1].Add(line);
        }
        return [.. Enumerable.Range(0, count).Select(i => i < groups.Count && groups[i].Count > 0 ? LockHolder.Parse(groups[i]) : null)];
    }

    public async Task<PreviousVersionRemoval> RemovePreviousVersionAsync(string target, LockHolder? holder, CancellationToken cancellationToken)
    {
        var old = StageNames.Old(target);
        var result = await RunScriptAsync(RemoteScripts.RemoveOld,
            holder is null ? [target, old] : [target, old, StageNames.Lock(target), holder.Serialize()], cancellationToken);
        if (result.ExitCode == RemoteScripts.PublishedOldLeft)
            return new PreviousVersionRemoval(PreviousVersionState.Left, new PreviousVersionLeft(old, PreviousVersionLeft.WhyFrom(result.Stderr)));
        if (result.ExitCode != 0) throw RemoteFailure.Describe(Alias, $"remove the previous version left at {old}", result);
        return new PreviousVersionRemoval(result.StdoutText.Trim() switch
        {
            "gone" => PreviousVersionState.Gone,
            "removed" => PreviousVersionState.Removed,
            "publishing" => PreviousVersionState.Publishing,
            "busy" => PreviousVersionState.Busy,
            var other => throw new Errors.ModelSyncException($"removing {old} on {Alias.Name} gave an unexpected answer: {other}", Errors.ExitCodes.Failed,
                "run the same command again; if it repeats, look at the server"),
        });
    }

    public async Task<VersionRemoval> RemoveVersionAsync(string target, CancellationToken cancellationToken)
    {
        var result = await RunCheckedAsync(RemoteScripts.RemoveVersion, [target, StageNames.Stage(target), StageNames.Old(target), StageNames.Pruned(target)],
            "remove the version", cancellationToken);
        return result.StdoutText.Trim() switch
        {
            "removed" => VersionRemoval.Removed,
            "gone" => VersionRemoval.Gone,
            "publishing" => VersionRemoval.BeingPublished,
            var other => throw new Errors.ModelSyncException($"removing {target} on {Alias.Name} gave an unexpected answer: {other}", Errors.ExitCodes.Failed,
                "run the same command again; if it repeats, look at the server"),
        };
    }
}
