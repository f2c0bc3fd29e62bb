using ModelSync.Errors;
using ModelSync.Publishing;
using ModelSync.Remotes;

namespace ModelSync.Tests.Publishing;

public sealed class InterruptedPublishTests
{
    [Theory]
    [InlineData(PublishState.Published, "interrupted after the new version was published: srv:m holds it", "nothing to redo")]
    [InlineData(PublishState.Kept, "interrupted before publishing; the target was left as it was", "resumes")]
    [InlineData(PublishState.Busy, "interrupted while publishing to srv:m; whether the new version is in place is not known", "finishes the publish")]
    [InlineData(PublishState.Gone, "interrupted while publishing to srv:m; whether the new version is in place is not known", "finishes the publish")]
    [InlineData(PublishState.Unknown, "interrupted while publishing to srv:m; whether the new version is in place is not known", "finishes the publish")]
    public void TheMessageFollowsWhatTheServerShows(PublishState state, string message, string fix)
    {
        var error = InterruptedPublish.Describe(state, "srv:m");

        Assert.Equal((ExitCodes.Interrupted, message), (error.ExitCode, error.Message));
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }
}
