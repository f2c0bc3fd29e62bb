using ModelSync.Paths;

namespace ModelSync.Tests.Paths;

public sealed class LocalPullTargetTests
{
    private static string Cwd => Directory.GetCurrentDirectory().TrimEnd('/');

    [Theory]
    [InlineData("./", false, "{CWD}/model_v1")]           // pull reaper:model_v1 ./
    [InlineData(".", false, "{CWD}/model_v1")]
    [InlineData("./x/", false, "{CWD}/x/model_v1")]       // pull reaper:model_v1 ./x/
    [InlineData("x/", false, "{CWD}/x/model_v1")]
    [InlineData("./x", true, "{CWD}/x/model_v1")]         // existing directory: inside it
    [InlineData("./x", false, "{CWD}/x")]                 // not there yet: that exact path
    [InlineData("renamed", false, "{CWD}/renamed")]
    [InlineData("/srv/models/", false, "/srv/models/model_v1")]
    [InlineData("/srv/models", true, "/srv/models/model_v1")]
    [InlineData("/srv/models/copy", false, "/srv/models/copy")]
    [InlineData("/srv/a/../b/", false, "/srv/b/model_v1")]
    public void PullLandsInsideADirectoryOrAtTheExactPath(string destination, bool isDirectory, string expected) =>
        Assert.Equal(
            expected.Replace("{CWD}", Cwd, StringComparison.Ordinal),
            ModelBasePaths.LocalPullTarget(destination, "model_v1", isDirectory));

    [Fact]
    public void ParentDirectoryShorthandMeansInsideIt() =>
        Assert.Equal(
            Path.Join(Path.GetDirectoryName(Cwd), "model_v1"),
            ModelBasePaths.LocalPullTarget("..", "model_v1", destinationIsDirectory: false));

    [Theory]
    [InlineData("./copy", "{CWD}/copy")]             // the copy a first pull made: updated in place
    [InlineData("./copy/", "{CWD}/copy/model_v1")]   // a trailing slash still means inside it
    public void ExistingCopyOfAModelIsTheTargetItself(string destination, string expected) =>
        Assert.Equal(
            expected.Replace("{CWD}", Cwd, StringComparison.Ordinal),
            ModelBasePaths.LocalPullTarget(destination, "model_v1", destinationIsDirectory: true, destinationIsModelCopy: true));
}
