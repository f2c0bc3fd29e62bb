using ModelSync.Errors;
using ModelSync.Paths;

namespace ModelSync.Tests.Paths;

public sealed class ModelBasePathsResolveTests
{
    private const string Base = "/nfs/train/models";

    [Theory]
    [InlineData(null, "model", "/nfs/train/models/model")]                  // push ./model reaper
    [InlineData("sub/dir", "model", "/nfs/train/models/sub/dir")]           // push ./model reaper:sub/dir
    [InlineData("sub/", "model", "/nfs/train/models/sub/model")]            // push ./model reaper:sub/
    [InlineData("model_v1", null, "/nfs/train/models/model_v1")]            // pull reaper:model_v1
    [InlineData("a/./b//c", "model", "/nfs/train/models/a/b/c")]
    [InlineData("a/../b", "model", "/nfs/train/models/b")]
    [InlineData("./", "model", "/nfs/train/models/model")]
    [InlineData("모델 v1", "model", "/nfs/train/models/모델 v1")]
    [InlineData("-rf", "model", "/nfs/train/models/-rf")]
    public void RelativePathLandsUnderModelBase(string? typed, string? defaultName, string expected) =>
        Assert.Equal(expected, ModelBasePaths.Resolve(Base, typed, defaultName, allowOutsideBase: false));

    [Theory]
    [InlineData("/nfs/train/models/bert", "/nfs/train/models/bert")]
    [InlineData("/nfs/train/models/a/b/", "/nfs/train/models/a/b/model")]
    [InlineData("/nfs/train/models/a/../bert", "/nfs/train/models/bert")]
    public void AbsolutePathInsideModelBaseIsAccepted(string typed, string expected) =>
        Assert.Equal(expected, ModelBasePaths.Resolve(Base, typed, "model", allowOutsideBase: false));

    [Theory]
    [InlineData("../x")]
    [InlineData("..")]
    [InlineData("../")]
    [InlineData("a/../../x")]
    [InlineData("sub/../../models2/x")]
    [InlineData("../../../../../../etc")]
    public void RelativePathEscapingModelBaseIsRefused(string typed)
    {
        var error = Assert.Throws<ModelSyncException>(() => ModelBasePaths.Resolve(Base, typed, "model", allowOutsideBase: false));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("escapes model_base", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    public void OutsideBaseFlagDoesNotLetARelativePathEscape(string typed)
    {
        var error = Assert.Throws<ModelSyncException>(() => ModelBasePaths.Resolve(Base, typed, "model", allowOutsideBase: true));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Theory]
    [InlineData("/etc/models/x")]
    [InlineData("/nfs/train/models2/x")]
    [InlineData("/nfs/train/modelsX")]
    [InlineData("/nfs/train/models/../other")]
    [InlineData("/tmp/")]
    public void AbsolutePathOutsideModelBaseIsRefusedByDefault(string typed)
    {
        var error = Assert.Throws<ModelSyncException>(() => ModelBasePaths.Resolve(Base, typed, "model", allowOutsideBase: false));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("outside model_base", error.Message, StringComparison.Ordinal);
        Assert.Contains("--outside-base", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/etc/models/x", "/etc/models/x")]
    [InlineData("/nfs/train/models/../other", "/nfs/train/other")]
    [InlineData("/tmp/", "/tmp/model")]
    public void AbsolutePathOutsideModelBaseIsAcceptedWhenAllowed(string typed, string expected) =>
        Assert.Equal(expected, ModelBasePaths.Resolve(Base, typed, "model", allowOutsideBase: true));

    [Theory]
    [InlineData(".", false)]
    [InlineData("sub/..", false)]
    [InlineData("/nfs/train/models", false)]
    [InlineData("/nfs/train/models/", true)]
    [InlineData("/", true)]
    public void ModelBaseItselfOrTheRootIsRefused(string typed, bool allowOutsideBase)
    {
        var error = Assert.Throws<ModelSyncException>(() => ModelBasePaths.Resolve(Base, typed, null, allowOutsideBase));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void ModelBaseItselfIsRefusedAsATarget()
    {
        var error = Assert.Throws<ModelSyncException>(() => ModelBasePaths.Resolve(Base, "/nfs/train/models", "model", allowOutsideBase: false));

        Assert.Contains("is model_base itself", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sub/")]
    public void DirectoryWithoutADefaultNameIsRefused(string? typed)
    {
        var error = Assert.Throws<ModelSyncException>(() => ModelBasePaths.Resolve(Base, typed, null, allowOutsideBase: false));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("names a directory, not a model", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nfs/train/models/", "bert", "/nfs/train/models/bert")]
    [InlineData("/nfs//train/./models", "bert", "/nfs/train/models/bert")]
    [InlineData("/", "bert", "/bert")]
    public void ModelBaseIsNormalizedFirst(string modelBase, string typed, string expected) =>
        Assert.Equal(expected, ModelBasePaths.Resolve(modelBase, typed, null, allowOutsideBase: false));
}
