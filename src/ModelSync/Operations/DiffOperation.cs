using ModelSync.Hashing;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Resolve;
using ModelSync.Verification;

namespace ModelSync.Operations;

public sealed record DiffResult(string Name, string Local, string Remote, bool RemoteExists, bool Checksum, TransferPlan Plan, string PushCommand)
{
    /// <summary>The <c>alias[:path]</c> a push to the same place takes (<c>MODEL@latest</c> already resolved).</summary>
    public string Spec { get; init; } = "";

    /// <summary>The hash content was compared by with <c>--checksum</c>; null without it.</summary>
    public string? Algorithm { get; init; }

    /// <summary>E.g. that the hash asked for was not available at both ends.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What <c>MODEL@latest</c> on the remote side turned into; null for a plain path.</summary>
    public Versioning.LatestResolution? Resolved { get; init; }
}

/// <summary>What a push of a local model would change on a server, without changing anything.</summary>
public static class DiffOperation
{
    public static async Task<DiffResult> RunAsync(RemoteSession session, string localPath, string remote, bool checksum, bool outsideBase, HashFunction wanted, CancellationToken cancellationToken)
    {
        var pair = await LocalAndRemote.ScanAsync(session, localPath, remote, outsideBase, cancellationToken);
        var (local, target) = (pair.LocalTree, pair.RemoteTree);
        IReadOnlyDictionary<string, string>? localHashes = null, remoteHashes = null;
        var choice = checksum ? HashChoice.Choose(wanted, pair.Here, pair.Server) : null;
        if (choice is not null && target is not null && target.RootKind == local.RootKind)
        {
            var hasher = session.Hasher.WithoutCache();
            var hashes = await Task.WhenAll(
                hasher.HashAsync(pair.Here, pair.LocalPath, local, null, choice.Function, cancellationToken),
                hasher.HashAsync(pair.Server, pair.RemotePath, target, null, choice.Function, cancellationToken));
            (localHashes, remoteHashes) = (hashes[0].Hashes, hashes[1].Hashes);
        }
        var plan = Planner.Plan(local, target, new PlanOptions(HashName: choice?.Function.Name ?? HashFunction.Sha256.Name), localHashes, remoteHashes);
        // A push through a link is refused: the command printed names what the link points to, which is what was compared.
        var (spec, linkWarning) = PushSpec(pair);
        // A directory and a file trading places is refused without --delete; with it, push lists what goes and asks.
        var command = ModelSync.Text.ToolName.Command + " push " + ModelSync.Text.ShellWords.Join([localPath, spec.ToString()]) + (plan.NeedsDelete ? " --delete" : "")
            + (spec != pair.Spec && !PosixPath.IsInside(spec.Path!, pair.Server.ModelBase) ? " --outside-base" : "");
        return new DiffResult(PosixPath.Name(pair.LocalPath), localPath, pair.RemoteDisplay, target is not null, checksum, plan, command)
        {
            Resolved = pair.Resolved,
            Spec = spec.ToString(),
            Algorithm = choice?.Function.Name,
            Warnings = [.. new[] { linkWarning, PushPull.NamingProblem(session.Config.Naming, PosixPath.Name(pair.RemotePath)), choice?.Warning }.OfType<string>()],
        };
    }

    /// <summary>Where a push of what was compared goes: the remote itself, or, when it is a symlink, what the link names.</summary>
    private static (RemoteSpec Spec, string? Warning) PushSpec(LocalAndRemote pair)
    {
        if (pair.RemoteTree?.RootLink is not { } link) return (pair.Spec, null);
        var pointsTo = PosixPath.Normalize(PosixPath.Combine(PosixPath.Parent(pair.RemotePath), link)) ?? link;
        return (new RemoteSpec(pair.Spec.Alias, pointsTo),
            $"{pair.Spec.Alias}:{pair.RemotePath} is a symlink to {pointsTo}: compared with what it points to, where the push below goes by its own name "
            + $"(a push to the link itself is refused unless --replace-link puts the model in the link's place)");
    }
}
