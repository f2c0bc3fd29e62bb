using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>
/// A streamed send's last step, the files sent in ranges moved into the stage, and the stage's verify-and-publish, as
/// one call (<see cref="RemoteScripts.RangesFinishStage"/>): nothing happens between the two but the client waiting.
/// </summary>
public abstract partial class ShellRemote
{
    /// <summary>What <see cref="RemoteScripts.RangesFinishStage"/> exits with when the ranged files could not be put in place.</summary>
    private const int RangesNotPlaced = 47;

    private const string FinishingStage = "verify and publish the staging area";

    private async Task<StageFinish> FinishRangesAndStageAsync(string target, StageFinishRequest request, CancellationToken cancellationToken)
    {
        var ranges = request.Ranges!;
        var placing = RangesFinishInput.Lines(ranges.Files, ranges.Directories);
        var (arguments, stdin) = FinishStageInput(target, request);
        var result = await RunScriptAsync(RemoteScripts.RangesFinishStage,
            [Number(arguments.Count), Number(placing.Length), .. arguments, .. RangesFinishArguments(ranges.Records, StageNames.Stage(target), request.Source.RootKind, request.Retry)],
            cancellationToken, [.. placing, .. stdin]);
        if (result.ExitCode != 0) throw RemoteFailure.Describe(Alias, result.ExitCode == RangesNotPlaced ? PlacingRanges : FinishingStage, result);
        return ReadFinish(result.Stdout, target, request);
    }
}
