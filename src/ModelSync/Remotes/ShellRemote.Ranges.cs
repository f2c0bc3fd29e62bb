using System.Globalization;
using ModelSync.Manifests;

namespace ModelSync.Remotes;

/// <summary>Files sent in byte ranges over parallel streams, as <see cref="RangeScripts"/> run there.</summary>
public abstract partial class ShellRemote
{
    /// <summary>Here every stream is this place itself; a server opens a connection per stream (<see cref="SshRemote"/>).</summary>
    public virtual Task<IRemote> OpenStreamAsync(CancellationToken cancellationToken) => Task.FromResult<IRemote>(this);

    public Processes.ProcessSpec RangeReadProcess(string file, ByteRange range) =>
        ScriptProcess(RangeScripts.Read, [file, Number(range.FirstBlock), range.Last ? "" : Number(range.Length / ByteRange.Block)]);

    public Processes.ProcessSpec RangeWriteProcess(string record, ByteRange range) =>
        ScriptProcess(RangeScripts.Write, [record, Number(range.FirstBlock), Number(range.Length), range.Last ? "last" : ""]);

    public async Task FinishRangesAsync(string records, string stage, EntryKind kind, IReadOnlyList<RangedFile> files, IReadOnlyList<StagedDirectory> directories,
        CancellationToken cancellationToken) =>
        await RunCheckedAsync(RangeScripts.Finish,
            [records, stage, kind == EntryKind.Directory ? "d" : "f", .. files.SelectMany(f => new[] { f.Record, f.Path, Number(f.Ranges), f.Mtime, f.Mode }),
                "-", .. directories.SelectMany(d => new[] { d.Path, d.Mode, d.Mtime })],
            "move the files sent in ranges into the staging area", cancellationToken);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
