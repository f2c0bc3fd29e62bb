
namespace ModelSync.Transfer;

/// <summary>What one rsync run should do. <see cref="OnlyFiles"/> non-null: send just those paths (relative to a directory source).</summary>
public sealed record RsyncRequest(string Source, string Destination, string? RemoteShell, bool Delete, bool Compress)
{
    public IReadOnlyCollection<string>? OnlyFiles { get; init; }

    /// <summary>Send even when size and time match: for files whose content failed verification.</summary>
    public bool IgnoreTimes { get; init; }

    /// <summary>KiB/s, passed to rsync's --bwlimit.</summary>
    public int? BandwidthLimit { get; init; }

    /// <summary>Ask rsync for whole-transfer progress lines (bytes, percent, rate, time left) for a live bar.</summary>
    public bool LiveProgress { get; init; }

    /// <summary>
    /// The source is one file, perhaps reached through a link (a Hugging Face cache's snapshot entry): send the file it
    /// names, as the scan and the hash see it, not the link.
    /// </summary>
    public bool SingleFileSource { get; init; }
}

/// <summary>Pure builders for rsync's argument list.</summary>
public static class RsyncArgs
{
    /// <summary>Marks our per-file lines apart from anything else rsync prints.</summary>
    public const string ItemPrefix = "MS\t";

    public static IReadOnlyList<string> Build(RsyncRequest request)
    {
        var args = new List<string>
        {
            // No -o/-g: files belong to whoever receives them, as a deployed model should.
            "-rlpt",
            "-s", // names travel inside rsync's protocol, never through the remote shell
            "-8",
            "--partial-dir=.rsync-partial",
            "--force", // a directory the source turned into a file is replaced, contents and all
            "--stats",
            "--out-format=" + ItemPrefix + "%i\t%l\t%n",
            // The manifest belongs to the place it describes: never copied, never deleted by --delete.
            "--exclude=/" + Manifests.ModelManifest.FileName + "*",
        };
        if (request.Delete) args.Add("--delete");
        // No --skip-compress: rsync ignores it (see CompressionSplit, which keeps weights out of compressed runs).
        if (request.Compress) args.Add("-z");
        if (request.IgnoreTimes) args.Add("-I");
        if (request.SingleFileSource) args.Add("--copy-links");
        if (request.LiveProgress) args.Add("--info=progress2");
        if (request.BandwidthLimit is { } limit) args.Add("--bwlimit=" + limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (request.OnlyFiles is not null) args.AddRange(["--from0", "--files-from=-"]);
        if (request.RemoteShell is not null) args.AddRange(["-e", request.RemoteShell]);
        args.Add(request.Source);
        args.Add(request.Destination);
        return args;
    }
}
