using ModelSync.Manifests;
using ModelSync.Planning;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Planning;

public sealed class PlannerCompareTests
{
    public static TheoryData<TreeEntry, TreeEntry?, EntryStatus, string> WithoutHashes => new()
    {
        { File("a", 10), null, EntryStatus.New, "not on target" },
        { Dir("d"), null, EntryStatus.New, "not on target" },
        { File("a", 10), File("a", 10), EntryStatus.Same, "same size and mtime" },
        { File("a", 12), File("a", 10), EntryStatus.Modified, "size 10 → 12" },
        { File("a", 10, Time + 1), File("a", 10, Time), EntryStatus.Modified, "same size, different mtime" },
        { File("a", 10, Time - 3600), File("a", 10, Time), EntryStatus.Modified, "same size, different mtime" },
        { File("a", 12, Time + 5), File("a", 10, Time), EntryStatus.Modified, "size 10 → 12" },
        { File("a", 10, "1700000000.7500000000"), File("a", 10, "1700000000.2500000000"), EntryStatus.Modified, "same size, different mtime" },
        { File("a", 10, "1700000000.2500009999"), File("a", 10, "1700000000.2500000000"), EntryStatus.Same, "same size and mtime" },
        { File("a", 10, "1700000000.7500000000"), File("a", 10, "1700000000.0000000000"), EntryStatus.Same, "same size and mtime" },
        { File("a", 10, "1700000000.7500000000"), File("a", 10, Time), EntryStatus.Same, "same size and mtime" },
        { File("a", 10, "1700000001.2500000000"), File("a", 10, "1700000000.2500000000"), EntryStatus.Modified, "same size, different mtime" },
        { Dir("d", Time + 99), Dir("d", Time), EntryStatus.Same, "directory exists" },
        { Link("l", "v2"), Link("l", "v2", Time + 7), EntryStatus.Same, "same link target" },
        { Link("l", "v2"), Link("l", "v1"), EntryStatus.Modified, "link target v1 → v2" },
        { Dir("x"), File("x", 10), EntryStatus.Modified, "was a file, now a directory" },
        { File("x", 10), Dir("x"), EntryStatus.Modified, "was a directory, now a file" },
        { Link("x", "t"), File("x", 10), EntryStatus.Modified, "was a file, now a symlink" },
        { File("x", 0), Link("x", "t"), EntryStatus.Modified, "was a symlink, now a file" },
        { File("a", 10) with { Mode = 0b111_101_101 }, File("a", 10) with { Mode = 0b110_100_100 }, EntryStatus.Modified, "mode 644 → 755" },
        { File("a", 10) with { Mode = 0b110_000_000 }, File("a", 10) with { Mode = 0b110_100_100 }, EntryStatus.Modified, "mode 644 → 600" },
        { File("a", 10, Time + 1) with { Mode = 0b111_101_101 }, File("a", 10) with { Mode = 0b110_100_100 }, EntryStatus.Modified, "same size, different mtime" },
        { File("a", 10) with { Mode = 0b111_101_101 }, File("a", 10), EntryStatus.Same, "same size and mtime" },
        { File("a", 10) with { Mode = 0b110_100_100 }, File("a", 10) with { Mode = 0b110_100_100 }, EntryStatus.Same, "same size and mtime" },
        { Dir("d") with { Mode = 0b111_000_000 }, Dir("d") with { Mode = 0b111_101_101 }, EntryStatus.Same, "directory exists" },
    };

    [Theory]
    [MemberData(nameof(WithoutHashes))]
    public void SizeAndMtimeToTheMicrosecondWhereBothSidesHaveItDecideWithoutHashes(TreeEntry source, TreeEntry? target, EntryStatus status, string reason) =>
        Assert.Equal((status, reason), Planner.Compare(source, target));

    /// <summary>source entry, target entry, source hash, target hash (null: missing), expected status and reason.</summary>
    public static TheoryData<TreeEntry, TreeEntry, string?, string?, EntryStatus, string> WithHashes => new()
    {
        { File("a", 10), File("a", 10), "h1", "h1", EntryStatus.Same, "same sha256" },
        { File("a", 10, Time + 60), File("a", 10, Time), "h1", "h1", EntryStatus.Same, "same sha256" },
        { File("a", 10), File("a", 10), "h1", "h2", EntryStatus.Modified, "content differs (sha256)" },
        { File("a", 10), File("a", 10), "h1", null, EntryStatus.Modified, "content differs (sha256)" },
        { File("a", 10), File("a", 10), null, "h1", EntryStatus.Modified, "content differs (sha256)" },
        { File("a", 12), File("a", 10), "h1", "h1", EntryStatus.Modified, "size 10 → 12" },
        { Link("a", "x"), Link("a", "y"), "h1", "h1", EntryStatus.Modified, "link target y → x" },
        { File("a", 10) with { Mode = 0b111_101_101 }, File("a", 10) with { Mode = 0b110_100_100 }, "h1", "h1", EntryStatus.Modified, "mode 644 → 755" },
        { File("a", 10) with { Mode = 0b111_101_101 }, File("a", 10) with { Mode = 0b110_100_100 }, "h1", "h2", EntryStatus.Modified, "content differs (sha256)" },
    };

    [Theory]
    [MemberData(nameof(WithHashes))]
    public void HashesOfBothSidesDecideContentEquality(TreeEntry source, TreeEntry target, string? sourceHash, string? targetHash, EntryStatus status, string reason)
    {
        var sourceHashes = new Dictionary<string, string>();
        var targetHashes = new Dictionary<string, string>();
        if (sourceHash is not null) sourceHashes[source.Path] = sourceHash;
        if (targetHash is not null) targetHashes[target.Path] = targetHash;

        Assert.Equal((status, reason), Planner.Compare(source, target, sourceHashes, targetHashes));
    }

    [Fact]
    public void HashesOfOnlyOneSideFallBackToMtime()
    {
        var hashes = new Dictionary<string, string> { ["a"] = "h1" };

        Assert.Equal((EntryStatus.Modified, "same size, different mtime"), Planner.Compare(File("a", 10, Time + 1), File("a", 10), hashes, null));
        Assert.Equal((EntryStatus.Same, "same size and mtime"), Planner.Compare(File("a", 10), File("a", 10), null, hashes));
    }
}
