using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Transfer;

/// <summary>
/// Keeps weights out of rsync's compression. Since rsync 3.2.4 <c>--skip-compress</c> has no effect with any
/// algorithm (its man page says so: per-file compression changes were never honoured), so <c>-z</c> squeezes every
/// file through zstd or zlib alike — a 1 GiB float32 push took three times as long. Pure: decides which runs to make.
/// </summary>
public static class CompressionSplit
{
    /// <summary>Suffixes of weights and archives: compression costs CPU and saves next to nothing on them.</summary>
    public static readonly IReadOnlySet<string> Incompressible = new HashSet<string>(
        ("onnx/plan/engine/pt/pth/bin/safetensors/ckpt/h5/pb/tflite/gguf/ggml/npz/npy/trt/mar/nemo/params/pdparams/msgpack/" +
         "caffemodel/weights/keras/pkl/joblib/tar/gz/tgz/bz2/xz/txz/zst/lz4/zip/7z/rar/jpg/jpeg/png/webp/mp3/mp4/ogg/flac").Split('/'),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True for a weight or archive by its name's suffix; TensorFlow's <c>variables.data-00000-of-00001</c> shards too.
    /// </summary>
    public static bool IsIncompressible(string path)
    {
        var name = PosixPath.Name(path);
        var dot = name.LastIndexOf('.');
        if (dot <= 0) return false;
        var suffix = name[(dot + 1)..];
        return Incompressible.Contains(suffix) || suffix.StartsWith("data-", StringComparison.Ordinal);
    }

    /// <summary>
    /// The files of a directory tree that are weights: by their own name, or by the name of a link in the tree that
    /// points at them (a Hugging Face snapshot's <c>model.safetensors</c> points into <c>blobs/</c>, whose names are hashes).
    /// </summary>
    public static HashSet<string> Weights(TreeListing source)
    {
        var files = source.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var weights = files.Where(IsIncompressible).ToHashSet(StringComparer.Ordinal);
        foreach (var link in source.Entries.Where(e => e.Kind == EntryKind.Symlink && e.LinkTarget is { Length: > 0 } && IsIncompressible(e.Path)))
        {
            if (link.LinkTarget!.StartsWith('/')) continue;
            var slash = link.Path.LastIndexOf('/');
            var resolved = PosixPath.Normalize(slash < 0 ? link.LinkTarget : link.Path[..slash] + "/" + link.LinkTarget);
            if (resolved is not null && files.Contains(resolved)) weights.Add(resolved);
        }
        return weights;
    }

    /// <summary>
    /// The rsync runs that carry out <paramref name="request"/> without compressing weights: the request itself when
    /// it does not compress or no weight is among <paramref name="toSend"/> (the plan's files, relative to the source
    /// directory); else first a run of just those weights without <c>-z</c>, then the request, which finds them in
    /// place by size and time and compresses only the rest (and does the deleting, as before). A request for listed
    /// files (<see cref="RsyncRequest.OnlyFiles"/>) is split into its weights and the rest instead. A single-file
    /// model (<paramref name="directory"/> false) is one run, compressed unless <paramref name="sourceName"/> is a weight.
    /// </summary>
    public static IReadOnlyList<RsyncRequest> Split(RsyncRequest request, bool directory, string sourceName, IReadOnlySet<string> weights,
        IEnumerable<string> toSend)
    {
        if (!request.Compress) return [request];
        if (!directory) return [IsIncompressible(sourceName) ? request with { Compress = false } : request];
        var listed = request.OnlyFiles ?? toSend;
        var heavy = listed.Where(weights.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (heavy.Count == 0) return [request];
        var weightRun = request with { Compress = false, Delete = false, OnlyFiles = heavy };
        if (request.OnlyFiles is null) return [weightRun, request];
        var rest = request.OnlyFiles.Where(f => !weights.Contains(f)).ToList();
        return rest.Count == 0 ? [weightRun with { Delete = request.Delete }] : [weightRun, request with { OnlyFiles = rest }];
    }
}
