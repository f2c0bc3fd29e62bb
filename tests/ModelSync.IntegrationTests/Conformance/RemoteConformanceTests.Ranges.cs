using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Support;
using ModelSync.Manifests;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>A file sent in byte ranges: written at their offsets into a fresh part file, then moved into the stage.</summary>
public abstract partial class RemoteConformanceTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task RangesWrittenInAnyOrderOverAStreamMakeTheFileThatFinishingMovesIntoTheStageWithItsModeAndThenSetTheDirectories()
    {
        var name = "it's $(x)\nweights.bin";
        var source = Path.Join(Root, "source");
        Directory.CreateDirectory(source);
        var bytes = new byte[2 * MiB + 17];
        new Random(9).NextBytes(bytes);
        File.WriteAllBytes(Path.Join(source, name), bytes);
        var stage = Path.Join(Root, "stage");
        Directory.CreateDirectory(stage);
        var records = Path.Join(stage, ".model-sync-ranges");
        ByteRange[] ranges = [new(2 * MiB, 17, true), new(MiB, MiB, false), new(0, MiB, false)];

        var stream = await Remote.OpenStreamAsync(CancellationToken.None);
        try
        {
            foreach (var range in ranges) Assert.Equal((0, 0), await CopyRangeAsync(stream, Path.Join(source, name), Path.Join(records, "k"), range));
        }
        finally
        {
            if (!ReferenceEquals(stream, Remote)) await stream.DisposeAsync();
        }
        Assert.Equal(["done.0", "done.1", "done.2"], Directory.GetFiles(Path.Join(records, "k"), "done.*").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        StagedDirectory[] directories =
        [
            new("sub dir/empty\nnew", "00700", "2021-01-02T03:04:05.5Z"), new("sub dir", "00750", "2022-01-02T03:04:05Z"), new("", "00755", "2023-01-02T03:04:05Z"),
        ];
        await Remote.FinishRangesAsync(records, stage, EntryKind.Directory,
            [new RangedFile("k", "sub dir/" + name, 3, "2024-05-06T07:08:09.123456789Z") { Mode = "00750" }], directories, CancellationToken.None);

        var arrived = Path.Join(stage, "sub dir", name);
        Assert.Equal(bytes, File.ReadAllBytes(arrived));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567), File.GetLastWriteTimeUtc(arrived));
        Assert.False(Directory.Exists(records));
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode group = owner | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        Assert.Equal(group, File.GetUnixFileMode(arrived));
        Assert.Equal((owner, new DateTime(2021, 1, 2, 3, 4, 5, 500, DateTimeKind.Utc)), (File.GetUnixFileMode(Path.Join(stage, "sub dir", "empty\nnew")), Directory.GetLastWriteTimeUtc(Path.Join(stage, "sub dir", "empty\nnew"))));
        Assert.Equal((group, new DateTime(2022, 1, 2, 3, 4, 5, DateTimeKind.Utc)), (File.GetUnixFileMode(Path.Join(stage, "sub dir")), Directory.GetLastWriteTimeUtc(Path.Join(stage, "sub dir"))));
        Assert.Equal((group | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, new DateTime(2023, 1, 2, 3, 4, 5, DateTimeKind.Utc)), (File.GetUnixFileMode(stage), Directory.GetLastWriteTimeUtc(stage)));
    }

    [Fact]
    public async Task FinishingMovesFilesOfAnyNameAndSetsMoreDirectoriesThanACommandLineHolds()
    {
        // Before: the files and directories went as arguments in one string for the server's sh -c, which Linux caps at
        // 128 KiB: these directories alone outgrew it, and the call could not run.
        string[] names = ["-rf x", "--", " lead and trail ", "back\\slash\\c%s", "tab\there\n", "it's", "\u00e9t\u00e9"];
        var source = Path.Join(Root, "odd-source");
        Directory.CreateDirectory(source);
        var stage = Path.Join(Root, "odd-stage");
        Directory.CreateDirectory(stage);
        var records = Path.Join(stage, ".model-sync-ranges");
        var files = new List<RangedFile>();
        for (var i = 0; i < names.Length; i++)
        {
            File.WriteAllText(Path.Join(source, names[i]), names[i]);
            Assert.Equal((0, 0), await CopyRangeAsync(Remote, Path.Join(source, names[i]), Path.Join(records, $"k{i}"), new ByteRange(0, System.Text.Encoding.UTF8.GetByteCount(names[i]), true)));
            files.Add(new RangedFile($"k{i}", "-d\n/" + names[i], 1, "2024-05-06T07:08:09Z"));
        }
        var directories = Enumerable.Range(0, 1200).Select(i => new StagedDirectory($"many/{i:D4} -" + new string('d', 100), "00750", "2021-01-02T03:04:05Z"))
            .Concat([new StagedDirectory("many", "00755", "2022-01-02T03:04:05Z"), new StagedDirectory("-d\n", "00700", "2023-01-02T03:04:05Z")]).ToList();

        await Remote.FinishRangesAsync(records, stage, EntryKind.Directory, files, directories, CancellationToken.None);

        Assert.Equal(names.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Join(stage, "-d\n")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(names, n => Assert.Equal(n, File.ReadAllText(Path.Join(stage, "-d\n", n))));
        Assert.Equal(1200, Directory.GetDirectories(Path.Join(stage, "many")).Length);
        Assert.Equal(new DateTime(2021, 1, 2, 3, 4, 5, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(Path.Join(stage, "many", directories[1199].Path[5..])));
        Assert.Equal(new DateTime(2023, 1, 2, 3, 4, 5, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(Path.Join(stage, "-d\n")));
        Assert.Equal(["-d\n", "many"], Directory.GetFileSystemEntries(stage).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARangeThatEndsEarlyIsNotDoneAndItsFileIsNotFinished()
    {
        var shortFile = Path.Join(Root, "short.bin");
        File.WriteAllBytes(shortFile, new byte[100]);
        var stage = Path.Join(Root, "stage");
        Directory.CreateDirectory(stage);
        var records = Path.Join(stage, ".model-sync-ranges");

        var (_, consumer) = await CopyRangeAsync(Remote, shortFile, Path.Join(records, "k"), new ByteRange(0, MiB, false));

        Assert.Equal(44, consumer);
        Assert.Empty(Directory.GetFiles(Path.Join(records, "k"), "done.*"));
        await Assert.ThrowsAsync<Errors.ModelSyncException>(() =>
            Remote.FinishRangesAsync(records, stage, EntryKind.Directory, [new RangedFile("k", "short.bin", 1, "2024-05-06T07:08:09Z")], [], CancellationToken.None));
        Assert.False(File.Exists(Path.Join(stage, "short.bin")));
    }

    [Fact]
    public async Task APartFileWithAnotherLinkIsNeverWrittenInto()
    {
        var published = Path.Join(Root, "published.bin");
        File.WriteAllText(published, "live model");
        var record = Path.Join(Root, "stage", ".model-sync-ranges", "k");
        Directory.CreateDirectory(record);
        await TestProcess.RunOkAsync("ln", published, Path.Join(record, "part"));
        var source = Path.Join(Root, "new.bin");
        File.WriteAllBytes(source, new byte[MiB]);

        var (_, consumer) = await CopyRangeAsync(Remote, source, record, new ByteRange(0, MiB, true));

        Assert.Equal(43, consumer);
        Assert.Equal("live model", File.ReadAllText(published));
    }

    /// <summary>One range from <paramref name="file"/> into <paramref name="record"/>, both ends on <paramref name="place"/>; the exit codes.</summary>
    private static async Task<(int Producer, int Consumer)> CopyRangeAsync(IRemote place, string file, string record, ByteRange range)
    {
        var result = await ProcessPipe.RunAsync(ProcessRunner.Instance, place.RangeReadProcess(file, range), place.RangeWriteProcess(record, range), null, null, CancellationToken.None);
        return (result.Producer.ExitCode, result.Consumer.ExitCode);
    }
}
