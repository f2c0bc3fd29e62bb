using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// The list of files sent in ranges (and of the directories set after them) goes to the server on stdin, whatever its
/// size and whatever bytes its names hold: as arguments it was one string for the server's <c>sh -c</c>, which Linux
/// caps at 128 KiB, so a push of a thousand 32 MiB shards with long names failed once every byte was sent. Every file
/// here is sent in ranges (a range threshold of one byte), so long names make the list big while the data stays small.
/// </summary>
[Collection("sshd")]
public sealed class RangedListTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly Dictionary<string, string> EveryFileInRanges = new()
    {
        ["MODEL_SYNC_RANGE_THRESHOLD"] = "1",
        ["MODEL_SYNC_RANGE_SIZE"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MODEL_SYNC_TRACE"] = "1",
    };

    [Theory]
    [InlineData(false, "ranges-finish-stage.sh")]
    [InlineData(true, "ranges-finish.sh")]
    public async Task ARangedListBiggerThanACommandLineIsPlacedByOneCallAndPublished(bool link, string placedBy)
    {
        // 110 files of 1.2 KB paths: 140 KB of arguments. With a link rsync follows the streams, and the ranged files go
        // into place in a call of their own; without, in the call that verifies and publishes.
        var name = (link ? "biglink-" : "biglist-") + Id;
        var deep = string.Join('/', Enumerable.Range(0, 5).Select(level => level + new string('d', 199)));
        var tree = Tree(name).File("config.json", "{}");
        for (var i = 0; i < 110; i++) tree.RandomFile($"{deep}/{i:D3}-" + new string('w', 196), 100 + i, seed: i);
        if (link) tree.Symlink("latest", "config.json");
        tree.SetAllTimes(DateTime.UtcNow.AddHours(-1));

        var push = await PushAsync(tree.Root, name);

        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.BaseA, name));
        CliAssert.StdoutContains(push, "Verified | yes (111 files");
        Assert.Single(TraceLines(push), l => l.Contains($"[{placedBy}]", StringComparison.Ordinal));
        Assert.Equal(link, TraceLines(push).Any(l => l.Contains(" -rlpt ", StringComparison.Ordinal)));
        if (link) return;

        var pull = await CliRunner.RunAsync(["pull", "alpha:" + name, "./back/", "--streams", "2"], ConfigPath, EveryFileInRanges, Work);

        CliAssert.Exit(pull, 0);
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Work, "back", name));
    }

    [Fact]
    public async Task RangedFilesAndDirectoriesOfAnyNameArePlacedWithOrWithoutRsyncAfter()
    {
        var name = "oddlist-" + Id;
        string[] odd = ["-rf x", "--", " lead and trail ", "new\nline", "tab\there", "back\\slash\\c%s", "it's $(x)", "\u00e9t\u00e9"];
        var tree = Tree(name).File("config.json", "{}");
        for (var i = 0; i < odd.Length; i++) tree.RandomFile($"-{odd[(i + 1) % odd.Length]}/{odd[i]}", 50 + i, seed: i).RandomFile(odd[i], 60 + i, seed: 100 + i);
        tree.Dir("-empty\n dir").SetAllTimes(DateTime.UtcNow.AddHours(-1));

        await PushAsync(tree.Root, name);
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.BaseA, name));

        var pull = await CliRunner.RunAsync(["pull", "alpha:" + name, "./back/", "--streams", "2"], ConfigPath, EveryFileInRanges, Work);
        CliAssert.Exit(pull, 0);
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Work, "back", name));

        // With a link, rsync follows the streams, and the ranged files go into place in a call of their own.
        tree.Symlink("-latest\n", "config.json");
        var linked = await PushAsync(tree.Root, name + "-linked");
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.BaseA, name + "-linked"));
        Assert.Contains(TraceLines(linked), l => l.Contains("[ranges-finish.sh]", StringComparison.Ordinal));
    }

    private async Task<CliResult> PushAsync(string root, string name)
    {
        var push = await CliRunner.RunAsync(["push", root, "alpha:" + name, "--streams", "2"], ConfigPath, EveryFileInRanges, Work);
        CliAssert.Exit(push, 0);
        return push;
    }

    private static List<string> TraceLines(CliResult result) => [.. result.Stderr.Split('\n').Where(l => l.StartsWith("trace: ", StringComparison.Ordinal))];
}
