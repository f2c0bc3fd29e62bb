using ModelSync.Paths;

namespace ModelSync.Tests.Paths;

public sealed class PosixPathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("", "")]
    [InlineData("/a/b/c", "/a/b/c")]
    [InlineData("/a/b/", "/a/b")]
    [InlineData("//a///b//", "/a/b")]
    [InlineData("/a/./b/.", "/a/b")]
    [InlineData("/a/b/../c", "/a/c")]
    [InlineData("/a/b/../../c", "/c")]
    [InlineData("/a/..", "/")]
    [InlineData("a/b/../c", "a/c")]
    [InlineData("./a", "a")]
    [InlineData("a/..", "")]
    [InlineData("모델/v1", "모델/v1")]
    [InlineData("/a/...", "/a/...")]
    [InlineData("/a/..b", "/a/..b")]
    public void NormalizeCollapsesDotsAndSlashes(string path, string expected) =>
        Assert.Equal(expected, PosixPath.Normalize(path));

    [Theory]
    [InlineData("..")]
    [InlineData("../a")]
    [InlineData("a/../..")]
    [InlineData("a/../../b")]
    [InlineData("/..")]
    [InlineData("/../etc")]
    [InlineData("/a/../../etc")]
    public void NormalizeReturnsNullWhenDotDotClimbsAboveTheStart(string path) =>
        Assert.Null(PosixPath.Normalize(path));

    [Theory]
    [InlineData("/data/models", "/data/models", true)]
    [InlineData("/data/models/bert", "/data/models", true)]
    [InlineData("/data/models/a/b", "/data/models", true)]
    [InlineData("/data/modelsX", "/data/models", false)]
    [InlineData("/data/models2/bert", "/data/models", false)]
    [InlineData("/data", "/data/models", false)]
    [InlineData("/etc/passwd", "/data/models", false)]
    [InlineData("/anything", "/", true)]
    [InlineData("/", "/", true)]
    public void IsInsideMeansEqualOrBelowOnSegmentBoundaries(string path, string root, bool expected) =>
        Assert.Equal(expected, PosixPath.IsInside(path, root));

    [Theory]
    [InlineData("/data/models/bert", "bert")]
    [InlineData("/data/models/bert/", "bert")]
    [InlineData("bert", "bert")]
    [InlineData("./model", "model")]
    [InlineData("/model.onnx", "model.onnx")]
    [InlineData("/", "")]
    public void NameIsTheLastSegment(string path, string expected) =>
        Assert.Equal(expected, PosixPath.Name(path));

    [Theory]
    [InlineData("/data/models/bert", "/data/models")]
    [InlineData("/data/models/bert/", "/data/models")]
    [InlineData("/bert", "/")]
    [InlineData("/", "/")]
    [InlineData("a/b", "a")]
    public void ParentDropsTheLastSegment(string path, string expected) =>
        Assert.Equal(expected, PosixPath.Parent(path));

    [Theory]
    [InlineData("/a", "b", "/a/b")]
    [InlineData("/a/", "b", "/a/b")]
    [InlineData("/a", "/b", "/b")]
    [InlineData("/", "b", "/b")]
    public void CombineAppendsUnlessTheSecondIsAbsolute(string a, string b, string expected) =>
        Assert.Equal(expected, PosixPath.Combine(a, b));

    [Fact]
    public void AncestorsAreEveryDirectoryAboveThePathsOnce() =>
        Assert.Equal(["1", "a", "a/b", "a/b/c", "a/x"],
            PosixPath.Ancestors(["config.pbtxt", "a/b/c/one.json", "1/model.onnx", "a/b/two.json", "a/x/three", "a/b/c/four"]));

    [Fact]
    public void FilesAtTheRootHaveNoAncestors() => Assert.Empty(PosixPath.Ancestors(["config.pbtxt", "model.onnx"]));
}
