using ModelSync.Manifests;
using ModelSync.Text;

namespace ModelSync.Planning;

/// <summary>
/// Targets that cannot keep a file's permission bits: a setgid bit a non-root receiver may not set, a mount of fixed
/// modes (CIFS, exFAT, gcsfuse) where 664 arrives as 644. rsync <c>-p</c> sends the mode and the target drops it;
/// compared as it stands, such a file would be sent again on every push. The manifest records the mode each file was
/// sent with, so a file whose only difference is a mode the target was sent and did not keep counts as the same.
/// </summary>
public static class ModeKeeping
{
    /// <summary>
    /// <paramref name="existing"/> as the comparison should see it: with <paramref name="source"/>'s mode when the target's
    /// <paramref name="manifest"/> says that mode was sent to this very file (its size and mtime as recorded) and the
    /// target did not keep it; otherwise unchanged.
    /// </summary>
    public static TreeEntry AsSent(TreeEntry source, TreeEntry existing, IReadOnlyDictionary<string, ManifestFile>? manifest)
    {
        if (manifest is null || !source.ModeDiffers(existing) || existing.Kind != EntryKind.File) return existing;
        return manifest.TryGetValue(existing.Path, out var recorded) && recorded.Mode is { } sent && FileModes.Parse(sent) == source.Mode
            && recorded.Size == existing.Size && Mtimes.Same(recorded.Mtime, recorded.MtimeMicroseconds, existing.ModifiedUnixSeconds, existing.ModifiedMicroseconds)
            ? existing with { Mode = source.Mode }
            : existing;
    }

    /// <summary>The manifest's files by path, for <see cref="AsSent"/>; null without a manifest.</summary>
    public static IReadOnlyDictionary<string, ManifestFile>? Recorded(TreeListing? target)
    {
        if (target?.Manifest is not { } manifest) return null;
        var files = new Dictionary<string, ManifestFile>(StringComparer.Ordinal);
        foreach (var file in manifest.Files) files.TryAdd(file.Path, file);
        return files;
    }

    /// <summary>One warning for a plan that found files whose mode the target did not keep; null when there are none.</summary>
    public static string? Warning(TransferPlan plan, string where)
    {
        var dropped = plan.Entries.Where(e => e is { Status: EntryStatus.Same, Source.Mode: { } mine, Target.Mode: { } theirs } && mine != theirs).ToList();
        if (dropped.Count == 0) return null;
        var first = dropped[0];
        return $"{where} did not keep the mode of {Human.Count(dropped.Count, "file")} (e.g. {first.Path}: sent {FileModes.Format(first.Source!.Mode!.Value)}, "
            + $"holds {FileModes.Format(first.Target!.Mode!.Value)}); its file system or permissions drop those bits, so they are not sent again";
    }
}
