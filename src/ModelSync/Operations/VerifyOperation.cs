using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Verification;
using ModelSync.Versioning;

namespace ModelSync.Operations;

/// <summary>One file that does not check out, and why.</summary>
public sealed record VerifyFinding(string Path, string Problem, long? LocalBytes, long? RemoteBytes)
{
    /// <summary>On the remote only: a push puts it right only with <c>--delete</c>.</summary>
    public bool OnlyOnRemote { get; init; }
}

public sealed record VerifyResult(string Name, string? Local, string Remote, string ComparedWith, int Files, int HashedNow, IReadOnlyList<VerifyFinding> Findings)
{
    public LatestResolution? Resolved { get; init; }

    /// <summary>The hash compared: the one asked for, sha256 when one end lacks its program, or the manifest's.</summary>
    public string Algorithm { get; init; } = HashFunction.Sha256.Name;

    /// <summary>E.g. that the hash asked for was not available at both ends.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The server's alias, for "read now … on alpha".</summary>
    public string Server { get; init; } = "";

    /// <summary>Files of the local copy read now; null when there is none (verify alias:path).</summary>
    public int? LocalHashedNow { get; init; }

    /// <summary>What <c>--trust-hashes</c> took instead of reading; null without it.</summary>
    public TrustedHashes? Trusted { get; init; }

    /// <summary>The push that puts the copy right; null when it verified (or no source is known).</summary>
    public VerifyRepair? Repair { get; init; }

    public bool Ok => Findings.Count == 0;
}

/// <summary>Hashes taken as recorded rather than read: from this machine's hash cache and from the server's manifest.</summary>
public sealed record TrustedHashes(int HashCache, int Manifest);

/// <summary>
/// Content checks that change nothing: a local model against its copy on a server, or a server's copy against
/// the manifest its last verified push left. Every file is read on both sides: a user runs verify to find damage
/// that kept size and mtime (bit rot, an edit put back with <c>touch -r</c>), which neither the manifest nor this
/// machine's hash cache (keyed by inode, size and mtime) can see. With <c>--trust-hashes</c> both
/// vouch for files whose size and mtime still match them, and the result counts how many.
/// </summary>
public static class VerifyOperation
{
    public static async Task<VerifyResult> CompareAsync(RemoteSession session, string localPath, string remote, bool trustHashes, bool outsideBase, HashFunction wanted, CancellationToken cancellationToken)
    {
        var pair = await LocalAndRemote.ScanAsync(session, localPath, remote, outsideBase, cancellationToken);
        var local = pair.LocalTree;
        var copy = pair.RemoteTree ?? throw new ModelSyncException($"nothing at {pair.RemoteDisplay}", ExitCodes.Failed,
            $"push it first: `{ToolName.Command} push {localPath} {pair.Spec}`");
        // Without the cache, a local tree is still read once per command however many servers it is compared with.
        var hasher = trustHashes ? session.Hasher : session.Hasher.WithoutCache();
        var choice = HashChoice.Choose(wanted, pair.Here, pair.Server);
        var function = choice.Function;
        var hashes = await Task.WhenAll(
            hasher.HashAsync(pair.Here, pair.LocalPath, local, null, function, cancellationToken),
            hasher.HashAsync(pair.Server, pair.RemotePath, copy, trustHashes ? copy.Manifest?.Trusted(copy, function) : null, function, cancellationToken));
        var findings = Compare(local, hashes[0].Hashes, copy, hashes[1].Hashes, function);
        return new VerifyResult(PosixPath.Name(pair.LocalPath), localPath, pair.RemoteDisplay, "local copy", local.Files.Count(),
            hashes[1].HashedNow, findings)
        {
            Resolved = pair.Resolved,
            Algorithm = function.Name,
            Warnings = [.. new[] { choice.Warning, copy.ManifestWarning(pair.RemoteDisplay) }.OfType<string>()],
            Server = pair.Spec.Alias,
            LocalHashedNow = hashes[0].HashedNow,
            Trusted = trustHashes ? new TrustedHashes(local.Files.Count() - hashes[0].HashedNow, copy.Files.Count() - hashes[1].HashedNow) : null,
            Repair = VerifyRepair.For(localPath, pair.Spec.ToString(), findings, outsideBase),
        };
    }

    public static async Task<VerifyResult> AgainstManifestAsync(RemoteSession session, string remote, bool outsideBase, CancellationToken cancellationToken)
    {
        var (spec, stored) = await new EndpointResolver(session).StoredAsync(remote, outsideBase, cancellationToken);
        var (server, path, latest) = (stored.Remote, stored.Path, stored.Resolved);
        var copy = await server.ScanAsync(path, cancellationToken)
            ?? throw new ModelSyncException($"nothing at {spec.Alias}:{path}", ExitCodes.Usage, $"check the name with `{ToolName.Command} list {spec.Alias}`");
        var manifest = copy.Manifest ?? throw new ModelSyncException(
            copy.ManifestProblem is null ? $"{spec.Alias}:{path} has no manifest to check against" : $"{spec.Alias}:{path} has no usable manifest ({copy.ManifestProblem})",
            ExitCodes.Failed, $"a verified push leaves one; compare with a local copy instead: {ToolName.Command} verify <local> {spec}");
        // Only like compares with like: the copy is hashed with whatever the manifest recorded.
        var function = manifest.Function!;
        if (!function.AvailableWith(server.HashTools))
            throw new ModelSyncException($"the manifest of {spec.Alias}:{path} holds {function.Name} hashes, but {string.Join(" or ", function.Tools)} is not installed on {spec.Alias}",
                ExitCodes.Failed, $"install the {function.Package} package there, or compare with a local copy: {ToolName.Command} verify <local> {spec}");
        var hashes = await new TreeHasher(null).HashAsync(server, path, copy, null, function, cancellationToken);
        var recorded = new TreeListing(EntryKind.Directory, manifest.Files.Select(f => new TreeEntry(f.Path, EntryKind.File, f.Size, f.Mtime)).ToList());
        var expected = manifest.Files.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        var findings = Compare(recorded, expected, new TreeListing(copy.RootKind, copy.Files.ToList()), hashes.Hashes, function);
        return new VerifyResult(PosixPath.Name(path), null, $"{spec.Alias}:{path}", $"manifest of {manifest.Published:yyyy-MM-dd HH:mm}Z by {manifest.PushedBy}",
            manifest.Files.Count, hashes.HashedNow, findings)
        {
            Resolved = latest,
            Algorithm = function.Name,
            Server = spec.Alias,
            Repair = RepairFromSource(manifest, spec, findings, outsideBase),
        };
    }

    /// <summary>
    /// A push again from the copy the manifest was pushed from: run here when that is this machine and the copy is still
    /// here, else on the host the manifest names. None for a path that is not absolute (not one a push wrote).
    /// </summary>
    private static VerifyRepair? RepairFromSource(ModelManifest manifest, RemoteSpec spec, IReadOnlyCollection<VerifyFinding> findings, bool outsideBase)
    {
        var source = manifest.SourcePath;
        if (!source.StartsWith('/')) return null;
        var here = manifest.SourceHost == Environment.MachineName;
        if (here && !Directory.Exists(source) && !File.Exists(source)) return null;
        return VerifyRepair.For(source, spec.ToString(), findings, outsideBase, here ? null : manifest.SourceHost);
    }

    /// <summary>Pure: every file and link of <paramref name="expected"/> must be in <paramref name="actual"/> with the same content, and nothing more.</summary>
    public static List<VerifyFinding> Compare(TreeListing expected, IReadOnlyDictionary<string, string> expectedHashes, TreeListing actual, IReadOnlyDictionary<string, string> actualHashes, HashFunction function)
    {
        var findings = new List<VerifyFinding>();
        var there = actual.Entries.Where(e => e.Kind != EntryKind.Directory).ToDictionary(e => e.Path, StringComparer.Ordinal);
        foreach (var e in expected.Entries.Where(e => e.Kind != EntryKind.Directory))
        {
            if (!there.Remove(e.Path, out var a))
                findings.Add(new VerifyFinding(e.Path, "missing on the remote", e.Size, null));
            else if (a.Kind != e.Kind)
                findings.Add(new VerifyFinding(e.Path, $"a {a.Kind.ToString().ToLowerInvariant()} instead of a {e.Kind.ToString().ToLowerInvariant()}", e.Size, a.Size));
            else if (e.Kind == EntryKind.Symlink && e.LinkTarget != a.LinkTarget)
                findings.Add(new VerifyFinding(e.Path, $"link points to {a.LinkTarget}, not {e.LinkTarget}", null, null));
            else if (e.Kind == EntryKind.File && (!expectedHashes.TryGetValue(e.Path, out var want) || !actualHashes.TryGetValue(e.Path, out var got) || want != got))
                findings.Add(new VerifyFinding(e.Path, e.Size == a.Size ? $"content differs ({function.Name})" : "size and content differ", e.Size, a.Size));
        }
        findings.AddRange(there.Values.Select(a => new VerifyFinding(a.Path, "only on the remote", null, a.Size) { OnlyOnRemote = true }));
        findings.Sort((x, y) => string.CompareOrdinal(x.Path, y.Path));
        return findings;
    }
}
