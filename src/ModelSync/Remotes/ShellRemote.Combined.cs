using System.Buffers;
using System.Globalization;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>The steps before and after a push sends, each as one script run: one round trip where there were four or five.</summary>
public abstract partial class ShellRemote
{
    public async Task<TargetStart> StartTargetAsync(string target, TargetStartRequest request, CancellationToken cancellationToken)
    {
        var kind = request.Source.RootKind == EntryKind.Directory ? "d" : "f";
        var result = await RunCheckedAsync(RemoteScripts.PrepareTarget,
            [target, StageNames.Stage(target), StageNames.Seed(target), StageNames.Lock(target), StageNames.Resume(target), request.Holder.Serialize(), kind,
                request.ExtrasUnderLock ? "yes" : "no", .. RemoteScripts.ScanArguments(target).Skip(1),
                ((request.RoomNeeded + 1023) / 1024).ToString(CultureInfo.InvariantCulture), StageNames.Old(target)],
            $"list and lock {target}", cancellationToken, ExpectedRecords.Listing(request.Source));
        var (header, rest) = SplitHeader(result.Stdout, target);
        if (header.Length != 5 || !long.TryParse(header[1], CultureInfo.InvariantCulture, out var freeKib)
            || !int.TryParse(header[3], CultureInfo.InvariantCulture, out var lockBytes) || lockBytes < 0
            || !int.TryParse(header[4], CultureInfo.InvariantCulture, out var leftBytes) || leftBytes < 0 || lockBytes + leftBytes > rest.Length)
            throw new Errors.ModelSyncException($"unexpected answer while preparing {target} on {Alias.Name}");
        var listing = ReadListing(rest.AsSpan(lockBytes + leftBytes), target);
        var left = leftBytes == 0 ? null
            : new PreviousVersionLeft(StageNames.Old(target), PreviousVersionLeft.WhyFrom(System.Text.Encoding.UTF8.GetString(rest, lockBytes, leftBytes)));
        return header[0] switch
        {
            "same" => new TargetStart(TargetStartState.Same, listing) { PreviousLeft = left },
            "open" => new TargetStart(TargetStartState.Open, listing),
            "held" => new TargetStart(TargetStartState.Held, listing)
            {
                HeldBy = ReadLockAnswer(System.Text.Encoding.UTF8.GetString(rest, 0, lockBytes)) as LockAttempt.Held,
            },
            "locked" => new TargetStart(TargetStartState.Locked, listing) {
                PreviousLeft = left, FreeBytes = freeKib * 1024, StagePrepared = header[2] != "-", StageMade = header[2] == "made",
            },
            _ => throw new Errors.ModelSyncException($"unexpected answer while preparing {target} on {Alias.Name}"),
        };
    }

    public async Task<StageFinish> FinishStageAsync(string target, StageFinishRequest request, CancellationToken cancellationToken)
    {
        if (request.Ranges is not null) return await FinishRangesAndStageAsync(target, request, cancellationToken);
        var (arguments, stdin) = FinishStageInput(target, request);
        var result = await RunCheckedAsync(RemoteScripts.FinishStage, arguments, FinishingStage, cancellationToken, stdin);
        return ReadFinish(result.Stdout, target, request);
    }

    /// <summary><c>finish-stage.sh</c>'s arguments and stdin for <paramref name="request"/>.</summary>
    private (IReadOnlyList<string> Arguments, byte[] Stdin) FinishStageInput(string target, StageFinishRequest request)
    {
        var stage = StageNames.Stage(target);
        var directory = request.Source.RootKind == EntryKind.Directory;
        var hashDirectory = directory ? stage : PosixPath.Parent(stage);
        // Named as the hash script sees them: relative to the stage, or the stage file's own name for a single file.
        var sizes = request.Source.Files.ToDictionary(f => f.Path, f => f.Size, StringComparer.Ordinal);
        List<KeyValuePair<string, string>> plain = [], large = [], small = [], odd = [];
        foreach (var (path, hash) in request.ToHash)
        {
            var named = KeyValuePair.Create(directory ? path : PosixPath.Name(stage), hash);
            if (HashOutput.NeedsOneRunEach(named.Key)) odd.Add(named);
            else
            {
                plain.Add(named);
                (LargeFile.Is(sizes.GetValueOrDefault(path)) ? large : small).Add(named);
            }
        }
        var tool = request.Function.Tools.FirstOrDefault(HashTools.Contains) ?? request.Function.Tools[0];
        // Every section written straight into the one stdin: for 20k files, a copy of each, then of them all, cost
        // tens of megabytes and a full collection or two between the transfer and this call.
        var stdin = new ArrayBufferWriter<byte>((int)Math.Min(request.ToHash.Count * 256L + 4096, 64 << 20));
        var lengths = new List<string>();
        void Section(Action<ArrayBufferWriter<byte>> write)
        {
            var before = stdin.WrittenCount;
            write(stdin);
            lengths.Add((stdin.WrittenCount - before).ToString(CultureInfo.InvariantCulture));
        }
        Section(b => ExpectedRecords.WriteStage(b, request.Source, request.Known));
        Section(b => PathBytes.WriteNulTerminated(b, large.Select(h => h.Key), "./"));
        Section(b => PathBytes.WriteNulTerminated(b, small.Select(h => h.Key), "./"));
        Section(b => PathBytes.WriteNulTerminated(b, odd.Select(h => h.Key), "./"));
        Section(b =>
        {
            ExpectedRecords.WriteHashes(b, tool, plain, oneRunEach: false);
            ExpectedRecords.WriteHashes(b, tool, odd, oneRunEach: true);
        });
        // Sized as the others: a manifest cut short (its sender gone) is neither written nor published.
        Section(b => request.Manifest?.WriteTo(b));
        var batch = Math.Clamp(small.Count / 8, SmallBatch, 1000);
        return ([target, stage, StageNames.Old(target), StageNames.Lock(target), request.LockToken, StageNames.Resume(target), hashDirectory, request.Function.Name, tool,
                batch.ToString(CultureInfo.InvariantCulture), ModelManifest.FileName, FindOutput.PrintfFormat, request.Retry ? "retry" : "first", .. lengths],
            stdin.WrittenSpan.ToArray());
    }

    /// <summary>What <c>finish-stage.sh</c> printed: published, or the stage's listing and hashes.</summary>
    private StageFinish ReadFinish(byte[] stdout, string target, StageFinishRequest request)
    {
        var stage = StageNames.Stage(target);
        var directory = request.Source.RootKind == EntryKind.Directory;
        var (header, rest) = SplitHeader(stdout, target);
        if (header is ["published"]) return new StageFinish(true, null, new Dictionary<string, string>());
        if (header is ["published", "old-left"])
        {
            return new StageFinish(true, null, new Dictionary<string, string>())
            {
                PreviousLeft = new PreviousVersionLeft(StageNames.Old(target), PreviousVersionLeft.WhyFrom(System.Text.Encoding.UTF8.GetString(rest))),
            };
        }
        var lengths = header.Skip(1).Select(w => int.TryParse(w, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : -1).ToList();
        if (header.Length != 5 || header[0] != "mismatch" || lengths.Contains(-1) || lengths.Sum() != rest.Length)
            throw new Errors.ModelSyncException($"unexpected answer while publishing {target} on {Alias.Name}");
        var scanBytes = lengths[0];
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var outputs = new List<byte[]>();
            for (int i = 1, at = scanBytes; i < lengths.Count; at += lengths[i], i++) outputs.Add(rest.AsSpan(at, lengths[i]).ToArray());
            foreach (var output in outputs.Where(o => o.Length > 0))
            {
                foreach (var (name, hash) in HashOutput.Parse(output, request.Function).Hashes) hashes[directory ? name : ""] = hash;
            }
        }
        catch (FormatException e)
        {
            throw new Errors.ModelSyncException($"cannot read the checksums of {stage} on {Alias.Name}: {e.Message}");
        }
        return new StageFinish(false, ReadListing(rest.AsSpan(0, scanBytes), stage), hashes);
    }

    public async Task DiscardStageAsync(string target, CancellationToken cancellationToken) =>
        await RunCheckedAsync(RemoteScripts.Remove, [StageNames.Stage(target)], "remove the staging area", cancellationToken);

    /// <summary>The fewest small files a hash process takes, as the tree hasher batches them.</summary>
    private const int SmallBatch = 16;

    /// <summary>A combined script's first line, split in words, and the bytes after it.</summary>
    private (string[] Header, byte[] Body) SplitHeader(byte[] stdout, string target)
    {
        var newline = Array.IndexOf(stdout, (byte)'\n');
        if (newline < 0) throw new Errors.ModelSyncException($"unexpected answer about {target} from {Alias.Name}");
        return (System.Text.Encoding.UTF8.GetString(stdout, 0, newline).Split(' '), stdout[(newline + 1)..]);
    }
}
