using ModelSync.Paths;
using ModelSync.Text;

namespace ModelSync.Remotes;

/// <summary>
/// A streamed send's last step, the files sent in ranges moved into the stage, and the stage's verify-and-publish, as
/// one call (<see cref="RemoteScripts.RangesFinishStage"/>): nothing happens between the two but the client waiting.
/// </summary>
public abstract partial class ShellRemote
{
    /// <summary>What <see cref="RemoteScripts.RangesFinishStage"/> exits with when the ranged files could not be put in place.</summary>
    private const int RangesNotPlaced = 47;

    /// <summary>
    /// At most this many bytes of the ranges' arguments in the one call. Its command line is one argument to the remote
    /// shell, which Linux caps at 128 KiB, and it also carries the finish's scripts (about 15 KiB) and its stdin when that
    /// is small (<see cref="InlineInput.MostEscapedChars"/>); beyond this the ranges go first in a call of their own.
    /// </summary>
    internal const int MostRangesArgumentBytes = 56 * 1024;

    private const string FinishingStage = "verify and publish the staging area";

    private async Task<StageFinish> FinishRangesAndStageAsync(string target, StageFinishRequest request, CancellationToken cancellationToken)
    {
        var ranges = RangesFinishArguments(request.Ranges!, StageNames.Stage(target), request.Source.RootKind, request.Retry);
        if (System.Text.Encoding.UTF8.GetByteCount(SingleQuoted.Line(ranges)) > MostRangesArgumentBytes)
        {
            await RunCheckedAsync(RangeScripts.Finish, ranges, PlacingRanges, cancellationToken);
            return await FinishStageAsync(target, request with { Ranges = null }, cancellationToken);
        }
        var (arguments, stdin) = FinishStageInput(target, request);
        var result = await RunScriptAsync(RemoteScripts.RangesFinishStage, [Number(arguments.Count), .. arguments, .. ranges], cancellationToken, stdin);
        if (result.ExitCode != 0) throw RemoteFailure.Describe(Alias, result.ExitCode == RangesNotPlaced ? PlacingRanges : FinishingStage, result);
        return ReadFinish(result.Stdout, target, request);
    }
}
