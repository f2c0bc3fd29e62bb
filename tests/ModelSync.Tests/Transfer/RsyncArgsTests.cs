using ModelSync.Errors;
using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class RsyncArgsTests
{
    private static readonly string[] Always =
        ["-rlpt", "-s", "-8", "--partial-dir=.rsync-partial", "--force", "--stats", "--out-format=MS\t%i\t%l\t%n", "--exclude=/.model-sync-manifest.json*"];

    private static RsyncRequest Request(string? shell = null, bool delete = false, bool compress = false) =>
        new("/src/model/", "reaper.internal:/models/.model-sync-stage.model/", shell, delete, compress);

    [Fact]
    public void PlainLocalRequestHasTheFixedFlagsThenSourceAndDestination() =>
        Assert.Equal(
            [.. Always, "/src/model/", "reaper.internal:/models/.model-sync-stage.model/"],
            RsyncArgs.Build(Request()));

    [Fact]
    public void EveryOptionTogetherKeepsSourceAndDestinationLast()
    {
        var request = Request("ssh -o BatchMode=yes", delete: true, compress: true) with { IgnoreTimes = true, OnlyFiles = ["a"] };

        Assert.Equal(
            [
                .. Always, "--delete", "-z", "-I", "--from0", "--files-from=-",
                "-e", "ssh -o BatchMode=yes", "/src/model/", "reaper.internal:/models/.model-sync-stage.model/",
            ],
            RsyncArgs.Build(request));
    }

    [Fact]
    public void ASingleFileSourceIsSentAsTheFileItNamesNotAsALink() =>
        Assert.Equal(
            [.. Always, "--copy-links", "/src/model/", "reaper.internal:/models/.model-sync-stage.model/"],
            RsyncArgs.Build(Request() with { SingleFileSource = true }));

    [Theory]
    [InlineData(false, false, false, false, false)]
    [InlineData(true, false, false, false, false)]
    [InlineData(false, true, false, false, false)]
    [InlineData(false, false, true, false, false)]
    [InlineData(false, false, false, true, false)]
    [InlineData(false, false, false, false, true)]
    [InlineData(true, true, true, true, true)]
    public void EachOptionalFlagAppearsOnlyWhenAsked(bool delete, bool compress, bool ignoreTimes, bool onlyFiles, bool remoteShell)
    {
        var request = Request(remoteShell ? "ssh" : null, delete, compress) with
        {
            IgnoreTimes = ignoreTimes,
            OnlyFiles = onlyFiles ? ["x"] : null,
        };

        var args = RsyncArgs.Build(request);

        Assert.Equal(delete, args.Contains("--delete"));
        Assert.Equal(compress, args.Contains("-z"));
        Assert.DoesNotContain(args, a => a.StartsWith("--skip-compress=", StringComparison.Ordinal)); // rsync ignores it: CompressionSplit
        Assert.Equal(ignoreTimes, args.Contains("-I"));
        Assert.Equal(onlyFiles, args.Contains("--from0"));
        Assert.Equal(onlyFiles, args.Contains("--files-from=-"));
        Assert.Equal(remoteShell, args.Contains("-e"));
        Assert.Equal(Always, args.Take(Always.Length));
        Assert.Equal(["/src/model/", "reaper.internal:/models/.model-sync-stage.model/"], args.TakeLast(2));
    }

    [Fact]
    public void EmptyOnlyFilesStillReadsTheListFromStdin() =>
        Assert.Contains("--files-from=-", RsyncArgs.Build(Request() with { OnlyFiles = [] }));

    [Theory]
    [InlineData("reaper.internal", "/models/x", "reaper.internal:/models/x")]
    [InlineData("10.0.0.7", "/models/x", "10.0.0.7:/models/x")]
    [InlineData("::1", "/models/x", "[::1]:/models/x")]
    [InlineData("fe80::1%eth0", "/m", "[fe80::1%eth0]:/m")]
    [InlineData("2001:db8::7", "/models/a b", "[2001:db8::7]:/models/a b")]
    public void HostSpecBracketsIpv6Literals(string host, string path, string expected) =>
        Assert.Equal(expected, RsyncAddress.HostSpec(host, path));

    [Theory]
    [InlineData(new[] { "ssh", "-o", "BatchMode=yes" }, "ssh -o BatchMode=yes")]
    [InlineData(new[] { "ssh", "-i", "/home/june/my key" }, "ssh -i \"/home/june/my key\"")]
    [InlineData(new[] { "ssh", "-i", "/home/june/june's key" }, "ssh -i \"/home/june/june's key\"")]
    [InlineData(new[] { "ssh", "-o", "ProxyCommand=nc \"%h\" %p" }, "ssh -o 'ProxyCommand=nc \"%h\" %p'")]
    [InlineData(new[] { "ssh", "-o", "X=a\"b" }, "ssh -o 'X=a\"b'")]
    [InlineData(new[] { "ssh", "" }, "ssh \"\"")]
    [InlineData(new[] { "ssh", "-o", "ControlPath=/tmp/ms-1/%C" }, "ssh -o ControlPath=/tmp/ms-1/%C")]
    [InlineData(new[] { "ssh", "-o", "X=tab\there" }, "ssh -o \"X=tab\there\"")]
    [InlineData(new[] { "ssh", "-i", "/home/모델/key" }, "ssh -i /home/모델/key")]
    public void RemoteShellCommandQuotesOnlyWhatRsyncWouldSplit(string[] words, string expected) =>
        Assert.Equal(expected, RsyncAddress.RemoteShellCommand(words));

    [Fact]
    public void RemoteShellCommandRefusesAWordWithBothKindsOfQuote()
    {
        var error = Assert.Throws<ModelSyncException>(() => RsyncAddress.RemoteShellCommand(["ssh", "-o", "X=it's \"quoted\""]));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("both kinds of quote", error.Message, StringComparison.Ordinal);
    }
}
