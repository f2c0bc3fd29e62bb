using System.Text;
using ModelSync.Manifests;

namespace ModelSync.Tests.Manifests;

public sealed class FindOutputTests
{
    /// <summary>One find record: type, size, mtime, inode, permission bits, link target, relative path, each NUL-terminated.</summary>
    private static string Record(string type, long size, string mtime, string link, string path, string mode = "644") =>
        $"{type}\0{size}\0{mtime}\0{42}\0{mode}\0{link}\0{path}\0";

    /// <summary>The entries without the cache keys and modes, which tests below do not spell out.</summary>
    private static IEnumerable<TreeEntry> Compared(TreeListing listing) => listing.Entries.Select(e => e with { Inode = 0, ModifiedExact = "", Mode = null });

    private static byte[] Bytes(params string[] records) => Encoding.UTF8.GetBytes(string.Concat(records));

    [Fact]
    public void DirectoryTreeListsFilesLinksAndEmptyDirsButNotTheRoot()
    {
        var output = Bytes(
            Record("d", 4096, "1700000000.1234567890", "", ""),
            Record("f", 120, "1700000100.9999999990", "", "config.pbtxt"),
            Record("d", 4096, "1700000200.0000000000", "", "1"),
            Record("f", 1048576, "1700000300.5000000000", "", "1/model.onnx"),
            Record("l", 12, "1700000400.0000000000", "config.pbtxt", "current"),
            Record("d", 4096, "1700000500.0000000000", "", "empty"),
            Record("f", 0, "1700000600.0000000000", "", "empty-file"));

        var listing = FindOutput.Parse(output);

        Assert.Equal(EntryKind.Directory, listing.RootKind);
        Assert.Equal(
            [
                new TreeEntry("1", EntryKind.Directory, 0, 1700000200),
                new TreeEntry("1/model.onnx", EntryKind.File, 1048576, 1700000300),
                new TreeEntry("config.pbtxt", EntryKind.File, 120, 1700000100),
                new TreeEntry("current", EntryKind.Symlink, 0, 1700000400, "config.pbtxt"),
                new TreeEntry("empty", EntryKind.Directory, 0, 1700000500),
                new TreeEntry("empty-file", EntryKind.File, 0, 1700000600),
            ],
            Compared(listing));
        Assert.Equal(1048576 + 120, listing.TotalBytes);
        Assert.Equal(3, listing.Files.Count());
    }

    [Fact]
    public void SingleFileRootIsOneEntryWithAnEmptyPath()
    {
        var listing = FindOutput.Parse(Bytes(Record("f", 2100000000, "1700000000.5", "", "")));

        Assert.Equal(EntryKind.File, listing.RootKind);
        Assert.Equal([new TreeEntry("", EntryKind.File, 2100000000, 1700000000)], Compared(listing));
    }

    [Fact]
    public void InodeAndExactMtimeAreKeptForTheHashCache()
    {
        var entry = Assert.Single(FindOutput.Parse(Bytes(Record("f", 3, "1700000000.1234567890", "", ""))).Entries);

        Assert.Equal(42, entry.Inode);
        Assert.Equal("1700000000.1234567890", entry.ModifiedExact);
    }

    [Fact]
    public void EmptyDirectoryRootHasNoEntries()
    {
        var listing = FindOutput.Parse(Bytes(Record("d", 4096, "1700000000.0", "", "")));

        Assert.Equal(EntryKind.Directory, listing.RootKind);
        Assert.Empty(listing.Entries);
    }

    [Theory]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("모델/가중치.onnx")]
    [InlineData("it's \"quoted\" $(x) `y`; z")]
    [InlineData("back\\slash")]
    [InlineData(" leading space")]
    [InlineData("-rf")]
    public void AnyNameButNulSurvives(string name)
    {
        var listing = FindOutput.Parse(Bytes(Record("d", 4096, "1700000000.0", "", ""), Record("f", 5, "1700000000.0", "", name)));

        Assert.Equal(name, Assert.Single(listing.Entries).Path);
    }

    [Theory]
    [InlineData("p")]
    [InlineData("s")]
    [InlineData("c")]
    [InlineData("b")]
    public void FifosSocketsAndDevicesAreSkipped(string type)
    {
        var listing = FindOutput.Parse(Bytes(
            Record("d", 4096, "1700000000.0", "", ""),
            Record(type, 0, "1700000000.0", "", "special"),
            Record("f", 1, "1700000000.0", "", "weights.bin")));

        Assert.Equal("weights.bin", Assert.Single(listing.Entries).Path);
    }

    [Fact]
    public void EntriesAreSortedByOrdinalPath()
    {
        var listing = FindOutput.Parse(Bytes(
            Record("d", 4096, "1.0", "", ""),
            Record("f", 1, "1.0", "", "b"),
            Record("f", 1, "1.0", "", "B"),
            Record("f", 1, "1.0", "", "a/z"),
            Record("f", 1, "1.0", "", "a.txt"),
            Record("f", 1, "1.0", "", "a")));

        Assert.Equal(["B", "a", "a.txt", "a/z", "b"], listing.Entries.Select(e => e.Path));
    }

    [Fact]
    public void SymlinkSizeIsNotCountedAndDirectorySizeIsZero()
    {
        var listing = FindOutput.Parse(Bytes(
            Record("d", 4096, "1.0", "", ""),
            Record("l", 40, "1.0", "/far/away/target", "link"),
            Record("d", 4096, "1.0", "", "dir")));

        Assert.All(listing.Entries, e => Assert.Equal(0, e.Size));
        Assert.Equal(0, listing.TotalBytes);
        Assert.Equal("/far/away/target", listing.Entries.Single(e => e.Kind == EntryKind.Symlink).LinkTarget);
        Assert.Null(listing.Entries.Single(e => e.Kind == EntryKind.Directory).LinkTarget);
    }

    /// <summary>'|' stands for NUL.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("f|")]
    [InlineData("f|1|1.0|7|644||")]
    [InlineData("f|1|1.0|7|644||name|extra|")]
    [InlineData("f|1|1.0|7|644||name")]
    [InlineData("d|4096|1.0|7|755|||f|1|1.0|7|644||name")]
    public void WrongFieldCountIsAFormatException(string text) =>
        Assert.Throws<FormatException>(() => FindOutput.Parse(Encoding.UTF8.GetBytes(text.Replace('|', '\0'))));

    [Fact]
    public void NonNumericSizeIsAFormatException() =>
        Assert.Throws<FormatException>(() => FindOutput.Parse(Bytes(Record("d", 1, "1.0", "", ""), "f\0big\0" + "1.0\07\0644\0\0x\0")));

    [Theory]
    [InlineData("644", 0b110_100_100)]
    [InlineData("4755", 0b100_111_101_101)]
    [InlineData("0", 0)]
    [InlineData("7777", 0b111_111_111_111)]
    public void PermissionBitsAreReadAsFindPrintsThem(string mode, int bits)
    {
        var entry = Assert.Single(FindOutput.Parse(Bytes(Record("f", 3, "1700000000.5", "", "run.sh", mode))).Entries);

        Assert.Equal(bits, entry.Mode);
        Assert.Equal(mode, FileModes.Format(bits));
    }

    /// <summary>A listing is a server's answer: a field find would never print is one error, never a guess or a crash.</summary>
    [Theory]
    [InlineData("f", "1", "1.0", "")]
    [InlineData("f", "1", "1.0", "8")]
    [InlineData("f", "1", "1.0", "17777")]
    [InlineData("f", "1", "1.0", "-644")]
    [InlineData("f", "1", "1.0", "rwx")]
    [InlineData("f", "1", "1.0", "6 4")]
    [InlineData("f", "99999999999999999999", "1.0", "644")]
    [InlineData("f", "-1", "1.0", "644")]
    [InlineData("f", "+1", "1.0", "644")]
    [InlineData("f", " 1", "1.0", "644")]
    [InlineData("f", "1", "99999999999999999999.5", "644")]
    [InlineData("d", "1", "x.5", "755")]
    public void AFieldFindWouldNotPrintIsAFormatException(string type, string size, string mtime, string mode) =>
        Assert.Throws<FormatException>(() => FindOutput.Parse(Bytes(Record("d", 1, "1.0", "", ""), $"{type}\0{size}\0{mtime}\07\0{mode}\0\0x\0")));
}
