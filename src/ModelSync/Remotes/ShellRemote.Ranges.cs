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
        await RunCheckedAsync(RangeScripts.Finish, RangesFinishArguments(records, stage, kind, retry: false), PlacingRanges, cancellationToken,
            RangesFinishInput.Lines(files, directories));

    /// <summary>What failed, when <see cref="RangeScripts.Finish"/> did.</summary>
    private const string PlacingRanges = "move the files sent in ranges into the staging area";

    /// <summary><see cref="RangeScripts.Finish"/>'s arguments; its files and directories go on its stdin (<see cref="RangesFinishInput"/>).</summary>
    private static IReadOnlyList<string> RangesFinishArguments(string records, string stage, EntryKind kind, bool retry) =>
        [records, stage, kind == EntryKind.Directory ? "d" : "f", retry ? "retry" : "first"];

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
