using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;

namespace ModelSync.Operations;

public sealed record DiffResult(string Name, string Local, string Remote, bool RemoteExists, bool Checksum, TransferPlan Plan, string PushCommand)
{
    /// <summary>What <c>MODEL@latest</c> on the remote side turned into; null for a plain path.</summary>
    public Versioning.LatestResolution? Resolved { get; init; }
}

/// <summary>What a push of a local model would change on a server, without changing anything.</summary>
public static class DiffOperation
{
    public static async Task<DiffResult> RunAsync(RemoteSession session, string localPath, string remote, bool checksum, bool outsideBase, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        var source = PushPull.LocalSource(localPath);
        var server = await session.ConnectAsync(spec.Alias, requireRsync: false, cancellationToken);
        var here = await session.ThisMachineAsync(cancellationToken);
        var latest = await ListOperation.ResolveLatestAsync(session, server, spec.Path, remote, cancellationToken);
        if (latest is not null) spec = spec with { Path = latest.Chosen.Name };
        var targetPath = ModelBasePaths.Resolve(server.ModelBase, spec.Path, PosixPath.Name(source), outsideBase);
        var scans = await Task.WhenAll(here.ScanAsync(source, cancellationToken), server.ScanAsync(targetPath, cancellationToken));
        var local = scans[0]!;
        var target = scans[1];
        IReadOnlyDictionary<string, string>? localHashes = null, remoteHashes = null;
        if (checksum && target is not null && target.RootKind == local.RootKind)
        {
            var hasher = new Verification.TreeHasher(null);
            var hashes = await Task.WhenAll(
                hasher.HashAsync(here, source, local, null, cancellationToken),
                hasher.HashAsync(server, targetPath, target, null, cancellationToken));
            (localHashes, remoteHashes) = (hashes[0].Hashes, hashes[1].Hashes);
        }
        var plan = Planner.Plan(local, target, new PlanOptions(), localHashes, remoteHashes);
        var command = $"model-sync push {Quote(localPath)} {Quote(spec.ToString())}";
        return new DiffResult(PosixPath.Name(source), localPath, $"{spec.Alias}:{targetPath}", target is not null, checksum, plan, command) { Resolved = latest };
    }

    private static string Quote(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || "._-/:@~+=,".Contains(c, StringComparison.Ordinal)) ? word : Remotes.RemoteShell.Quote(word);
}
