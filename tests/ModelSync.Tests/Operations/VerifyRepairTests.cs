using ModelSync.Operations;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Operations;

public sealed class VerifyRepairTests
{
    private static readonly VerifyFinding Differs = new("1/model.onnx", "content differs (sha256)", 10, 10);
    private static readonly VerifyFinding Extra = new("stray.bin", "only on the remote", null, 1) { OnlyOnRemote = true };

    [Fact]
    public void NothingToRepairWhenNothingWasFound() => Assert.Null(VerifyRepair.For("./m", "reaper", [], outsideBase: false));

    [Fact]
    public void AChangedFileIsRepairedByAChecksumPushSoEqualSizeAndMtimeDoNotHideIt() =>
        Assert.Equal("model-sync push ./m reaper --checksum", VerifyRepair.For("./m", "reaper", [Differs], outsideBase: false)!.Command);

    [Fact]
    public void FilesOnlyOnTheRemoteNeedDeleteAndAnOutsidePathKeepsItsFlag() =>
        Assert.Equal("model-sync push ./m reaper:/srv/x/m --checksum --delete --outside-base",
            VerifyRepair.For("./m", "reaper:/srv/x/m", [Differs, Extra], outsideBase: true)!.Command);

    [Fact]
    public void AWordAShellWouldMisreadIsQuoted() =>
        Assert.Equal("model-sync push './my model' 'reaper:a b' --checksum", VerifyRepair.For("./my model", "reaper:a b", [Differs], outsideBase: false)!.Command);

    [Fact]
    public void RepairsFromOneSourceAreOnePushAndEachOtherSourceOrHostItsOwn()
    {
        var repairs = new[]
        {
            VerifyRepair.For("/m", "s1:m", [Differs], false)!,
            VerifyRepair.For("/m", "s2:m", [Extra], false)!,
            VerifyRepair.For("/m", "s3:m", [Differs], false, on: "laptop")!,
            VerifyRepair.For("/other", "s4:m", [Differs], false)!,
        };

        Assert.Equal(
            [(null, "model-sync push /m s1:m s2:m --checksum --delete"), ("laptop", "model-sync push /m s3:m --checksum"), (null, "model-sync push /other s4:m --checksum")],
            VerifyRepair.Commands(repairs));
    }

    [Fact]
    public void CompareMarksFilesOnlyOnTheRemoteSoTheRepairDeletesThem()
    {
        var findings = VerifyOperation.Compare(Tree(File("a", 1)), new Dictionary<string, string> { ["a"] = "x" },
            Tree(File("a", 1), File("b", 2)), new Dictionary<string, string> { ["a"] = "x", ["b"] = "y" }, ModelSync.Hashing.HashFunction.Sha256);

        var only = Assert.Single(findings);
        Assert.Equal(("b", true), (only.Path, only.OnlyOnRemote));
    }
}
