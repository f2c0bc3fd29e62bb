using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary><c>diff</c>: what a push would change, by size and mtime or by sha256.</summary>
[Collection("sshd")]
public sealed class DiffTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Model => "diff-" + Id;

    private string Target => Path.Combine(Sshd.BaseA, Model);

    private async Task<TreeBuilder> PushedSourceAsync()
    {
        var source = Tree(Model)
            .File("a.txt", "aaaa\n")
            .File("b.bin", "bbbb\n")
            .File("c.txt", "cccc\n");
        await CliOk("push", "./" + Model, "alpha");
        return source;
    }

    [Fact]
    public async Task ReportsSameNewModifiedAndRemoteOnly()
    {
        var source = await PushedSourceAsync();
        source.File("new.txt", "brand new\n").File("a.txt", "aaaa, now longer\n");
        File.WriteAllText(Path.Combine(Target, "remote.txt"), "server only\n");
        var serverBefore = TreeComparer.Snapshot(Target);

        var diff = await CliOk("diff", "./" + Model, "alpha");

        CliAssert.StdoutContains(diff,
            $"## Sync Status: {Model}",
            $"Remote: alpha:{Target}\n",
            "Compared by: size and modification time",
            "Summary: 2 same, 1 new, 1 modified, 1 remote-only",
            $"To sync: `model-sync push ./{Model} alpha`");
        AssertDiffRow(diff, "a.txt", "17B", "5B", "modified");
        AssertDiffRow(diff, "new.txt", "10B", "—", "new");
        AssertDiffRow(diff, "remote.txt", "—", "12B", "remote-only");
        // Unchanged files are only counted, unless --files asks for every row.
        Assert.Equal(["a.txt", "new.txt", "remote.txt"], CliAssert.Table(diff, "File").FirstColumn);
        var every = await CliOk("diff", "./" + Model, "alpha", "--files");
        AssertDiffRow(every, "b.bin", "5B", "5B", "same");
        AssertDiffRow(every, "c.txt", "5B", "5B", "same");
        Assert.Equal(["a.txt", "b.bin", "c.txt", "new.txt", "remote.txt"], CliAssert.Table(every, "File").FirstColumn);
        TreeComparer.AssertUnchanged(serverBefore, Target);

        using (var differing = CliAssert.Json(await CliOk("--json", "diff", "./" + Model, "alpha")))
        {
            Assert.Equal(["a.txt", "new.txt", "remote.txt"], differing.RootElement.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("path").GetString()!));
            Assert.Equal(3, differing.RootElement.GetProperty("entries_total").GetInt32());
            Assert.False(differing.RootElement.GetProperty("entries_truncated").GetBoolean());
        }
        var json = await CliOk("--json", "diff", "./" + Model, "alpha", "--files");
        using var doc = CliAssert.Json(json);
        var entries = doc.RootElement.GetProperty("entries").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, StringComparer.Ordinal);
        Assert.Equal(["a.txt", "b.bin", "c.txt", "new.txt", "remote.txt"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("modified", entries["a.txt"].GetProperty("status").GetString());
        Assert.Equal(17, entries["a.txt"].GetProperty("local_bytes").GetInt64());
        Assert.Equal(5, entries["a.txt"].GetProperty("remote_bytes").GetInt64());
        Assert.Equal("same", entries["b.bin"].GetProperty("status").GetString());
        Assert.Equal("new", entries["new.txt"].GetProperty("status").GetString());
        Assert.Equal(10, entries["new.txt"].GetProperty("local_bytes").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entries["new.txt"].GetProperty("remote_bytes").ValueKind);
        Assert.Equal("remote-only", entries["remote.txt"].GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, entries["remote.txt"].GetProperty("local_bytes").ValueKind);
        Assert.Equal(12, entries["remote.txt"].GetProperty("remote_bytes").GetInt64());
        Assert.Equal($"model-sync push ./{Model} alpha", doc.RootElement.GetProperty("push_command").GetString());
    }

    [Fact]
    public async Task ChecksumCatchesSameSizeSameMtimeChangeAndPushChecksumRepairsIt()
    {
        var source = await PushedSourceAsync();
        var local = source.PathOf("b.bin");
        var remote = Path.Combine(Target, "b.bin");
        File.WriteAllText(remote, "XXXX\n");
        File.SetLastWriteTimeUtc(remote, File.GetLastWriteTimeUtc(local));

        var quick = await CliOk("diff", "./" + Model, "alpha", "--files");
        Assert.Equal("same", CliAssert.Cell(quick, "b.bin", "Status"));
        CliAssert.StdoutContains(quick, "In sync: nothing to push.");

        var thorough = await CliOk("diff", "./" + Model, "alpha", "--checksum");
        CliAssert.StdoutContains(thorough, "Compared by: sha256 of content", "Summary: 2 same, 0 new, 1 modified, 0 remote-only",
            $"To sync: `model-sync push ./{Model} alpha`");
        AssertDiffRow(thorough, "b.bin", "5B", "5B", "modified");

        // A plain push trusts the manifest where size and mtime match (as rsync's quick check would), and says so;
        // --checksum hashes everything and repairs the silent change.
        var trusting = await CliOk("push", "./" + Model, "alpha");
        // (Files written in the second the first push read them are not in the hash cache: the report may add that the manifest vouched for them.)
        CliAssert.StdoutContains(trusting, "| Verified | yes (3 files, sha256; all unchanged since the last verified push");
        var push = await CliOk("push", "./" + Model, "alpha", "--checksum");
        CliAssert.StdoutContains(push, "| Verified | yes (3 files", "Sync complete");
        TreeComparer.AssertSameTree(source.Root, Target);
    }

    [Fact]
    public async Task TargetNotThereYetIsAllNew()
    {
        Tree(Model).File("a.txt", "a\n").File("sub/b.txt", "bb\n");

        var diff = await CliOk("diff", "./" + Model, $"alpha:nothere-{Id}/");

        CliAssert.StdoutContains(diff, $"Remote: alpha:{Sshd.BaseA}/nothere-{Id}/{Model} (not there yet)",
            "Summary: 0 same, 2 new, 0 modified, 0 remote-only", $"To sync: `model-sync push ./{Model} alpha:nothere-{Id}/`");
        Assert.Equal("new", CliAssert.Cell(diff, "sub/b.txt", "Status"));
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, "nothere-" + Id)), "diff created the target");
    }

    [Fact]
    public async Task AFileThatBecameADirectoryGetsAPushCommandWithDelete()
    {
        var source = await PushedSourceAsync();
        File.Delete(source.PathOf("b.bin"));
        source.File("b.bin/part-1", "bb");

        var diff = await CliOk("diff", "./" + Model, "alpha");
        var printed = await Cli("push", "./" + Model, "alpha", "--delete");

        CliAssert.StdoutContains(diff, $"To sync: `model-sync push ./{Model} alpha --delete`");
        CliAssert.Error(printed, 2, "--delete would remove 1 file", "--yes");
        CliAssert.StdoutContains(printed, "- b.bin (a file, replaced by a directory)");
    }

    [Fact]
    public async Task ATargetThatIsAVersionLinkIsComparedWithWhatItNamesAndThePushPrintedGoesThereByName()
    {
        var source = await PushedSourceAsync();
        source.File("a.txt", "aaaa, now longer\n");
        var current = $"current-{Id}";
        File.CreateSymbolicLink(Path.Combine(Sshd.BaseA, current), Model);

        var diff = await CliOk("diff", "./" + Model, $"alpha:{current}");

        CliAssert.StdoutContains(diff, $"To sync: `model-sync push ./{Model} alpha:{Target}`");
        Assert.Contains($"alpha:{Path.Combine(Sshd.BaseA, current)} is a symlink to {Target}", diff.Stderr, StringComparison.Ordinal);
        Assert.Contains("--replace-link", diff.Stderr, StringComparison.Ordinal);
        var push = await CliOk("push", "./" + Model, $"alpha:{Target}");
        CliAssert.StdoutContains(push, "Sync complete");
        Assert.Equal(Model, new FileInfo(Path.Combine(Sshd.BaseA, current)).LinkTarget);
    }

    private static void AssertDiffRow(CliResult result, string file, string local, string remote, string status)
    {
        Assert.Equal(
            (local, remote, status),
            (CliAssert.Cell(result, file, "Local"), CliAssert.Cell(result, file, "Remote"), CliAssert.Cell(result, file, "Status")));
    }
}
