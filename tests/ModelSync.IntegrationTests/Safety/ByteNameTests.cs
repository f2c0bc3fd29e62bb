using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Paths;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A file name is a byte string: names that are not UTF-8 are scanned, sent, hashed, compared and manifested by
/// their bytes, and every name is shown escaped (no control byte from a name reaches the terminal).
/// </summary>
[Collection("sshd")]
public sealed class ByteNameTests(SshdFixture sshd) : SshdTestBase(sshd), IDisposable
{
    private string Base => Path.Combine(Sshd.Root, "bytes-" + Id);

    /// <summary>Not UTF-8: a lone 0xff, a lone 0xfe, a cut-off two-byte sequence, an encoded surrogate, a directory of Latin-1.</summary>
    private static readonly string[] OddNames = [@"w\xff", @"w\xfe", @"cut\xc3", @"sur\xed\xa0\x80", @"caf\xe9/inner.bin"];

    private string BuildOddTree(string name)
    {
        var root = Tree(name).File("plain.txt", "plain\n").Root;
        foreach (var odd in OddNames) ByteNames.Write(root, ByteNames.Of(odd), "content of " + odd + "\n");
        return root;
    }

    [Fact]
    public async Task NamesThatAreNotUtf8ArePushedVerifiedPulledAndRepushedByTheirBytes()
    {
        var name = "odd-" + Id;
        var source = BuildOddTree(name);
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));

        var push = await CliWith(config, "push", "./" + name, "alpha");

        CliAssert.Exit(push, 0);
        CliAssert.StdoutContains(push, "| Verified | yes (6 files", @"- w\xff (", @"- sur\xed\xa0\x80 (");
        var onServer = Path.Combine(Base, name);
        Assert.Equal(ByteNames.List(source), ByteNames.List(onServer).Where(n => !n.StartsWith(".model-sync-", StringComparison.Ordinal)));
        foreach (var odd in OddNames) Assert.Equal("content of " + odd + "\n", ByteNames.Read(onServer, ByteNames.Of(odd)));

        var pull = await CliWith(config, "pull", "alpha:" + name, "./back/");

        CliAssert.Exit(pull, 0);
        var back = Path.Combine(Work, "back", name);
        Assert.Equal(ByteNames.List(source), ByteNames.List(back));
        foreach (var odd in OddNames) Assert.Equal("content of " + odd + "\n", ByteNames.Read(back, ByteNames.Of(odd)));

        var again = await CliWith(config, "push", "./" + name, "alpha");

        CliAssert.Exit(again, 0);
        CliAssert.StdoutContains(again, "- nothing to send", "| Verified | yes (6 files");
        var verify = await CliWith(config, "verify", "./" + name, "alpha");
        CliAssert.Exit(verify, 0);
        AssertNothingRaw(push, pull, again, verify);
    }

    [Fact]
    public async Task AModelNamedWithBytesThatAreNotUtf8IsPushedDiffedAndPulledByName()
    {
        var name = PathBytes.Decode([.. ByteNames.Of("model-"), 0xff, .. ByteNames.Of("-" + Id)]);
        ByteNames.Write(Work, PathBytes.Encode(name + "/plain.txt"), "plain\n");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));

        var push = await CliWith(config, "push", "./" + name, "alpha");
        var diff = await CliWith(config, "diff", "./" + name, "alpha");
        var pull = await CliWith(config, "pull", "alpha:" + name, "./back/");

        CliAssert.Exit(push, 0);
        CliAssert.StdoutContains(push, $@"Target: alpha:{Base}/model-\xff-{Id}");
        Assert.Equal([$@"model-\xff-{Id}", $@"model-\xff-{Id}/.model-sync-manifest.json", $@"model-\xff-{Id}/plain.txt"], ByteNames.List(Base));
        CliAssert.Exit(diff, 0);
        CliAssert.StdoutContains(diff, "Summary: 1 same, 0 new, 0 modified, 0 remote-only");
        CliAssert.Exit(pull, 0);
        Assert.Equal([$@"model-\xff-{Id}", $@"model-\xff-{Id}/plain.txt"], ByteNames.List(Path.Combine(Work, "back")));
        AssertNothingRaw(push, diff, pull);
    }

    [Fact]
    public async Task NamesThatAreNotUtf8ReachALocalAliasByTheirBytes()
    {
        var name = "localodd-" + Id;
        var source = BuildOddTree(name);
        // A file whose name is what UTF-8 decoding with replacement makes of w\xff: a lossy copy would read it instead.
        ByteNames.Write(source, ByteNames.Of(@"w\xef\xbf\xbd"), "the replacement character\n");

        var push = await Cli("push", "./" + name, $"local:bytes-{Id}/");

        CliAssert.Exit(push, 0);
        var target = Path.Combine(Sshd.LocalBase, "bytes-" + Id, name);
        Assert.Equal(ByteNames.List(source), ByteNames.List(target).Where(n => !n.StartsWith(".model-sync-", StringComparison.Ordinal)));
        foreach (var odd in OddNames) Assert.Equal("content of " + odd + "\n", ByteNames.Read(target, ByteNames.Of(odd)));
        Assert.Equal("the replacement character\n", ByteNames.Read(target, ByteNames.Of(@"w\xef\xbf\xbd")));
        ByteNames.Remove(Path.Combine(Sshd.LocalBase, "bytes-" + Id));
    }

    [Fact]
    public async Task DiffTellsApartNamesThatDifferOnlyInBytesThatAreNotUtf8()
    {
        var name = "diffodd-" + Id;
        var local = Tree(name).File("same.txt", "same\n").Root;
        ByteNames.Write(local, ByteNames.Of(@"w\xff"), "local bytes\n");
        var remote = Path.Combine(Base, name);
        new TreeBuilder(remote).File("same.txt", "same\n");
        File.SetLastWriteTimeUtc(Path.Combine(remote, "same.txt"), File.GetLastWriteTimeUtc(Path.Combine(local, "same.txt")));
        ByteNames.Write(remote, ByteNames.Of(@"w\xfe"), "remote bytes\n");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));

        var diff = await CliWith(config, "diff", "./" + name, "alpha");

        CliAssert.Exit(diff, 0);
        CliAssert.StdoutContains(diff, "Summary: 1 same, 1 new, 0 modified, 1 remote-only", $"To sync: `model-sync push ./{name} alpha`");
        Assert.Equal("new", CliAssert.Cell(diff, @"w\xff", "Status"));
        Assert.Equal("remote-only", CliAssert.Cell(diff, @"w\xfe", "Status"));

        var json = await CliWith(config, "--json", "diff", "./" + name, "alpha");

        CliAssert.Exit(json, 0);
        using var doc = CliAssert.Json(json);
        var statuses = doc.RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("status").GetString(), StringComparer.Ordinal);
        Assert.Equal("new", statuses[@"w\xff"]);
        Assert.Equal("remote-only", statuses[@"w\xfe"]);
        AssertNothingRaw(diff, json);
    }

    [Fact]
    public async Task ControlBytesInNamesAreShownEscapedInListDiffAndPush()
    {
        var model = "ctl\u001b[2J\u0007-" + Id;
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));
        Tree(model).File("red\u001b[31m.txt", "red\n").File("back\\slash", "b\n");
        new TreeBuilder(Path.Combine(Base, model)).File("bell\u0007.bin", "bell\n");

        var list = await CliWith(config, "list", "alpha");
        var diff = await CliWith(config, "diff", "./" + model, "alpha");
        var push = await CliWith(config, "push", "./" + model, "alpha");
        var listAfter = await CliWith(config, "list", "alpha");

        CliAssert.Exit(list, 0);
        CliAssert.StdoutContains(list, @"ctl\x1b[2J\x07-" + Id);
        CliAssert.Exit(diff, 0);
        CliAssert.StdoutContains(diff, @"## Sync Status: ctl\x1b[2J\x07-" + Id);
        Assert.Equal("new", CliAssert.Cell(diff, @"red\x1b[31m.txt", "Status"));
        Assert.Equal("new", CliAssert.Cell(diff, @"back\\slash", "Status"));
        Assert.Equal("remote-only", CliAssert.Cell(diff, @"bell\x07.bin", "Status"));
        CliAssert.Exit(push, 0);
        CliAssert.StdoutContains(push, @"- red\x1b[31m.txt (", @"ctl\x1b[2J\x07-" + Id);
        CliAssert.Exit(listAfter, 0);
        AssertNothingRaw(list, diff, push, listAfter);
    }

    [Fact]
    public async Task ControlBytesInNamesAreShownEscapedInVerifyAndErrors()
    {
        var model = "vfy\u001b]0;pwned\u0007-" + Id;
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));
        Tree(model).File("bad\u001b[5m.bin", "local\n");
        CliAssert.Exit(await CliWith(config, "push", "./" + model, "alpha"), 0);
        File.WriteAllText(Path.Combine(Base, model, "bad\u001b[5m.bin"), "changed there\n");

        var verify = await CliWith(config, "verify", "./" + model, "alpha");
        var missing = await CliWith(config, "pull", "alpha:gone\u001b[2J\u0007-" + Id, "./back/");

        CliAssert.Exit(verify, 3);
        CliAssert.StdoutContains(verify, @"## Verify: vfy\x1b]0;pwned\x07-" + Id, @"| bad\x1b[5m.bin |");
        Assert.Contains(@"gone\x1b[2J\x07-" + Id, CliAssert.Error(missing, missing.ExitCode), StringComparison.Ordinal);
        AssertNothingRaw(verify, missing);
    }

    /// <summary>No escape, bell or other control byte, and no byte that is not UTF-8 (decoded here as U+FFFD), reached stdout or stderr.</summary>
    private static void AssertNothingRaw(params CliResult[] results)
    {
        foreach (var result in results)
        {
            foreach (var text in new[] { result.Stdout, result.Stderr })
            {
                var raw = text.FirstOrDefault(c => (char.IsControl(c) && c is not '\n' and not '\t') || c == '\uFFFD');
                Assert.True(raw == default, $"a raw U+{(int)raw:X4} reached the terminal\n{result}");
            }
        }
    }

    public void Dispose()
    {
        ByteNames.Remove(Work);
        ByteNames.Remove(Base);
    }
}
