namespace ModelSync.Remotes;

/// <summary>
/// What <see cref="IRemote.FinishRangesAsync"/> does after a streamed send, as data: the files whose ranges all arrived
/// in their records below <paramref name="Records"/>, to move into the stage, and the directories to make and set after
/// them (deepest first). A send with nothing left for rsync after its streams hands it to the finish's call
/// (<see cref="StageFinishRequest.Ranges"/>), saving the round trip of a call of its own.
/// </summary>
public sealed record RangesFinish(string Records, IReadOnlyList<RangedFile> Files, IReadOnlyList<StagedDirectory> Directories);
