using ModelSync.Manifests;
using ModelSync.Resolve;
using ModelSync.Verification;

namespace ModelSync.Transfer;

/// <summary>
/// The hashes one side of a run may take without reading its files (null: none), and how many of them the quick
/// check lent from the server's manifest (see <see cref="QuickCheck"/>) rather than the side's own manifest.
/// </summary>
internal sealed record SideTrust(IReadOnlyDictionary<string, string>? Hashes, int Lent);

/// <summary>
/// Which side is this machine's, and what it may take from the server's manifest: on a push the source, on a pull
/// the target and the stage seeded from it. A copy between servers lends nothing: both sides hash where they are.
/// </summary>
internal static class SideTrusts
{
    public static SideTrust SourceTrust(this TransferContext run)
    {
        var own = run.Trusted(run.SourceTree);
        if (run.Direction != Direction.Push || run.Options.Checksum || run.TargetTree is not { } server) return new SideTrust(own, 0);
        var lent = QuickCheck.Lent(run.SourceTree, server, run.Trusted(server), own);
        return new SideTrust(QuickCheck.Join(own, lent), lent.Count);
    }

    /// <summary>For the target as scanned before the transfer (a run that found it up to date).</summary>
    public static SideTrust TargetTrust(this TransferContext run)
    {
        var target = run.TargetTree ?? throw new InvalidOperationException("no target to trust");
        var own = run.Trusted(target);
        if (run.Direction != Direction.Pull || run.Options.Checksum) return new SideTrust(own, 0);
        var lent = QuickCheck.Lent(target, run.SourceTree, run.Trusted(run.SourceTree), own);
        return new SideTrust(QuickCheck.Join(own, lent), lent.Count);
    }

    /// <summary>
    /// For the stage once filled: what the live target's manifest vouches for among the files this run did not write
    /// (the hard links of the live version), and on a pull what the quick check lends to those same seeds.
    /// </summary>
    public static SideTrust StageTrust(this TransferContext run, TreeListing stage, IReadOnlySet<string> transferred)
    {
        var own = (run.Options.Checksum ? null : run.TargetTree?.Manifest?.Trusted(stage, run.Function))?
            .Where(h => !transferred.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        if (run.Direction != Direction.Pull || run.Options.Checksum) return new SideTrust(own, 0);
        var lent = QuickCheck.LentToSeeds(stage, run.TargetTree, run.SourceTree, run.Trusted(run.SourceTree), own)
            .Where(h => !transferred.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        return new SideTrust(QuickCheck.Join(own, lent), lent.Count);
    }
}

/// <summary>How many source files a run hashed now, and how many files of this machine's side the quick check spared.</summary>
internal sealed record SourceReading(int SourceHashedNow, int Lent);
