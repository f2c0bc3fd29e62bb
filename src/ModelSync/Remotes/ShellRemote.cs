using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// The operations of <see cref="IRemote"/> written once as <see cref="RemoteScripts"/>; subclasses only say how a
/// script is run (here, or through ssh), so a local directory and a server behave the same.
/// </summary>
public abstract partial class ShellRemote(ServerAlias alias, IProcessRunner runner) : IRemote
{
    private string? _modelBase;
    private IReadOnlyList<string> _hashTools = [];

    public ServerAlias Alias => alias;

    protected IProcessRunner Runner => runner;

    public string ModelBase => _modelBase ?? throw new InvalidOperationException("connect first");

    public IReadOnlyList<string> HashTools => _hashTools;

    public async Task<RemoteProbe> ConnectAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await OpenAndProbeAsync(cancellationToken);
        var lines = result.StdoutText.Split('\n');
        var home = lines[0].TrimEnd('/');
        var rsync = lines.Length > 1 && lines[1] != "no-rsync" && lines[1].Length > 0 ? lines[1].Trim() : null;
        _hashTools = ParseHashTools(lines);
        var configured = alias.ModelBase;
        _modelBase = configured == "~" ? home
            : configured.StartsWith("~/", StringComparison.Ordinal) ? home + configured[1..]
            : configured;
        return new RemoteProbe(_modelBase, rsync, System.Diagnostics.Stopwatch.GetElapsedTime(started), _hashTools);
    }

    /// <summary>What <paramref name="connected"/>'s probe found, for another connection to the same server.</summary>
    protected void Adopt(ShellRemote connected) => (_modelBase, _hashTools) = (connected.ModelBase, connected.HashTools);

    /// <summary>The probe's <c>hash-tools:</c> line, as a list; only the programs model-sync knows.</summary>
    public static IReadOnlyList<string> ParseHashTools(IEnumerable<string> probeLines) =>
        probeLines.FirstOrDefault(l => l.StartsWith(HashToolsPrefix, StringComparison.Ordinal)) is { } line
            ? [.. line[HashToolsPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(HashFunction.AllTools.Contains)]
            : [];

    public const string HashToolsPrefix = "hash-tools:";

    /// <summary>Connects (for ssh: starts the shared master) while running <see cref="RemoteScripts.Probe"/>.</summary>
    protected abstract Task<ProcessResult> OpenAndProbeAsync(CancellationToken cancellationToken);

    /// <summary>Runs one of the scripts with arguments (data only ever as <c>$1…</c> or on stdin); returns whatever it exits with.</summary>
    protected Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken, byte[]? stdin = null) =>
        Runner.RunAsync(ScriptProcess(script, arguments, stdin), cancellationToken);

    /// <summary>The child process that runs <paramref name="script"/> there and reads <paramref name="stdin"/>, whole, on its stdin.</summary>
    protected virtual ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments, byte[]? stdin) =>
        ScriptProcess(script, arguments) with { Stdin = stdin };

    /// <summary>Runs a script and turns a non-zero exit into one clear line naming <paramref name="what"/>.</summary>
    private async Task<ProcessResult> RunCheckedAsync(string script, IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken, byte[]? stdin = null)
    {
        var result = await RunScriptAsync(script, arguments, cancellationToken, stdin);
        if (result.ExitCode != 0) throw RemoteFailure.Describe(alias, what, result);
        return result;
    }

    /// <summary>The child process that runs <paramref name="script"/> there, for a caller that streams its stdin or stdout.</summary>
    protected abstract ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments);

    public abstract Task<int> ExecAsync(string command, CancellationToken cancellationToken);

    public abstract Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken);

    public abstract RsyncLocation Rsync(string path);

    public abstract string Connection { get; }

    public abstract ValueTask DisposeAsync();

    public async Task<TreeListing?> ScanAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunCheckedAsync(RemoteScripts.Scan, RemoteScripts.ScanArguments(path), $"list {path}", cancellationToken);
        return ReadListing(result.Stdout, path);
    }

    /// <summary>What <see cref="RemoteScripts.Scan"/> printed for <paramref name="path"/>, as a listing (null: nothing there).</summary>
    private TreeListing? ReadListing(ReadOnlySpan<byte> output, string path)
    {
        if (output.StartsWith("missing\0"u8)) return null;
        string? link = null;
        if (output.StartsWith("link\0"u8) && output[5..].IndexOf((byte)0) is var linkEnd and >= 0)
        {
            link = Paths.PathBytes.Decode(output.Slice(5, linkEnd));
            output = output[(5 + linkEnd + 1)..];
        }
        if (!output.StartsWith("ok\0"u8)) throw new ModelSyncException($"unexpected listing of {path} on {alias.Name}");
        var afterOk = output[3..];
        var manifestEnd = afterOk.IndexOf((byte)0);
        try
        {
            var manifest = manifestEnd > 0 ? ModelManifest.Read(afterOk[..manifestEnd]) : ManifestReading.None;
            var listing = FindOutput.Parse(afterOk[(manifestEnd + 1)..]);
            // model-sync's own entries (manifest, stages, locks) are never part of a model; other such names are reported.
            var entries = new List<TreeEntry>();
            var reserved = new List<string>();
            var control = new List<TreeEntry>();
            foreach (var entry in listing.Entries)
            {
                var parts = entry.Path.Split('/');
                var first = Array.FindIndex(parts, StageNames.IsControlName);
                if (first < 0) entries.Add(entry);
                if (first == 0) control.Add(entry);
                if (first == parts.Length - 1 && !ModelManifest.IsOwnFile(entry.Path)) reserved.Add(entry.Path);
            }
            return listing with
            {
                Entries = entries, ReservedNames = reserved, ControlEntries = control, Manifest = manifest.Manifest,
                ManifestProblem = manifest.Problem, RootLink = link,
            };
        }
        catch (FormatException e)
        {
            throw new ModelSyncException($"cannot read the listing of {path} on {alias.Name}: {e.Message}",
                ExitCodes.Failed, "check that GNU find is installed there");
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> HashAsync(string root, EntryKind rootKind, IReadOnlyCollection<string> files, int batchSize, HashFunction function, CancellationToken cancellationToken)
    {
        var singleFile = rootKind != EntryKind.Directory;
        var directory = singleFile ? PosixPath.Parent(root) : root;
        var names = singleFile ? [PosixPath.Name(root)] : files.ToList();
        // Names a tool might escape are hashed one run each, the rest in batches; both lists at once.
        var odd = names.Where(HashOutput.NeedsOneRunEach).ToList();
        var plain = names.Except(odd, StringComparer.Ordinal).ToList();
        var results = await Task.WhenAll(
            HashListAsync(directory, plain, batchSize, function, "lines", root, cancellationToken),
            HashListAsync(directory, odd, batchSize, function, "each", root, cancellationToken));
        var hashes = new Dictionary<string, string>(results[0], StringComparer.Ordinal);
        foreach (var (name, hash) in results[1]) hashes[name] = hash;
        if (!singleFile) return hashes;
        return hashes.TryGetValue(PosixPath.Name(root), out var one)
            ? new Dictionary<string, string> { [""] = one }
            : new Dictionary<string, string>();
    }

    private async Task<IReadOnlyDictionary<string, string>> HashListAsync(string directory, List<string> names, int batchSize, HashFunction function, string mode, string root, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return new Dictionary<string, string>();
        var list = PathBytes.NulTerminated(names, "./");
        var batch = Math.Max(1, batchSize).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await RunCheckedAsync(RemoteScripts.Hash, [directory, batch, function.Name, mode], $"hash files in {root} ({function.Name})", cancellationToken, list);
        try
        {
            return HashOutput.Parse(result.Stdout, function).Hashes;
        }
        catch (FormatException e)
        {
            throw new ModelSyncException($"cannot read the checksums of {root} on {alias.Name}: {e.Message}");
        }
    }

    public async Task<long> FreeBytesAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunCheckedAsync(RemoteScripts.FreeSpace, [path], $"check free space at {path}", cancellationToken);
        return long.TryParse(result.StdoutText.Trim(), System.Globalization.CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : throw new ModelSyncException($"cannot read free space at {path} on {alias.Name}");
    }
}
