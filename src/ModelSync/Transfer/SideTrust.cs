using ModelSync.Manifests;
using ModelSync.Resolve;
using ModelSync.Verification;

namespace ModelSync.Transfer;

/// <summary>
/// The hashes one side of a run may take without reading its files: its own manifest's (<see cref="Own"/>), and
/// those the quick check lends from the server's manifest (<see cref="Lent"/>, see <see cref="QuickCheck"/>),
/// taken only where neither its manifest nor this machine's hash cache has one. Null: none.
/// </summary>
internal sealed record SideTrust(IReadOnlyDictionary<string, string>? Own, IReadOnlyDictionary<string, string>? Lent);

/// <summary>How many source files a run hashed now, and how many files of this machine's side the quick check spared a read.</summary>
internal sealed record SourceReading(int SourceHashedNow, int Lent);

/// <summary>
/// Which side is this machine's, and what it may take from the server's manifest: on a push the source, on a pull
/// the target and the stage seeded from it. A copy between servers lends nothing: both sides hash where they are.
/// With <c>--checksum</c> no manifest vouches (<see cref="TransferContext.Trusted"/>), so nothing is lent either.
/// </summary>
internal static class SideTrusts
{
    public static SideTrust SourceTrust(this TransferContext run) => new(run.Trusted(run.SourceTree),
        run.Direction == Direction.Push && run.TargetTree is { } server ? QuickCheck.Lent(run.SourceTree, server, run.Trusted(server)) : null);

    /// <summary>For the target as scanned before the transfer (a run that found it up to date).</summary>
    public static SideTrust TargetTrust(this TransferContext run)
    {
        var target = run.TargetTree ?? throw new InvalidOperationException("no target to trust");
        return new SideTrust(run.Trusted(target),
            run.Direction == Direction.Pull ? QuickCheck.Lent(target, run.SourceTree, run.Trusted(run.SourceTree)) : null);
    }

    /// <summary>
    /// For the stage once filled: what the manifest of the version it was seeded from (the live target, or a basis)
    /// vouches for among the files this run did not write (its hard links), and on a pull what the quick check lends to
    /// those same seeds.
    /// </summary>
    public static SideTrust StageTrust(this TransferContext run, TreeListing stage, IReadOnlySet<string> transferred)
    {
        var own = (run.Options.Checksum ? null : run.SeedManifest?.Trusted(stage, run.Function))?
            .Where(h => !transferred.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        var lent = run.Direction != Direction.Pull ? null
            : QuickCheck.LentToSeeds(stage, run.Basis?.Tree ?? run.TargetTree, run.SourceTree, run.Trusted(run.SourceTree))
                .Where(h => !transferred.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        return new SideTrust(own, lent);
    }
}
