using ModelSync.Errors;
using ModelSync.Publishing;

namespace ModelSync.Tests.Publishing;

public sealed class InterruptedPublishTests
{
    [Theory]
    [InlineData("published", "interrupted after the new version was published: srv:m holds it", "nothing to redo")]
    [InlineData("kept", "interrupted before publishing; the target was left as it was", "resumes")]
    [InlineData("busy", "interrupted while publishing to srv:m; whether the new version is in place is not known", "finishes the publish")]
    [InlineData("gone", "interrupted while publishing to srv:m; whether the new version is in place is not known", "finishes the publish")]
    [InlineData("unknown", "interrupted while publishing to srv:m; whether the new version is in place is not known", "finishes the publish")]
    public void TheMessageFollowsWhatTheServerShows(string state, string message, string fix)
    {
        var error = InterruptedPublish.Describe(state, "srv:m");

        Assert.Equal((ExitCodes.Interrupted, message), (error.ExitCode, error.Message));
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
    }
}
