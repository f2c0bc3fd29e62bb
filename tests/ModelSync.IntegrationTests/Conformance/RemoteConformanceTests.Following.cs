using ModelSync.Hashing;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>The follower that hashes a file while rsync writes it.</summary>
public abstract partial class RemoteConformanceTests
{
    [Theory]
    [InlineData("sha256", "model.plan")]
    [InlineData("xxh128", ".hidden weights")]
    public async Task AFileRsyncWritesIsHashedWhileItIsWrittenAndOneItLeavesAloneIsNot(string name, string file)
    {
        var source = Path.Join(Root, "from");
        var target = Path.Join(Root, "to it's $(x)");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(target);
        var weights = new byte[12 << 20];
        new Random(3).NextBytes(weights);
        File.WriteAllBytes(Path.Join(source, file), weights);
        File.WriteAllText(Path.Join(source, "kept.bin"), "same on both sides");
        File.Copy(Path.Join(source, "kept.bin"), Path.Join(target, "kept.bin"));
        File.SetLastWriteTimeUtc(Path.Join(target, "kept.bin"), File.GetLastWriteTimeUtc(Path.Join(source, "kept.bin")));
        var final = Path.Join(target, file);

        var records = await FollowAsync(name, [final, Path.Join(target, "kept.bin")], async () =>
        {
            // Slowed to about 2 s, so the follower is reading while rsync writes.
            var to = Remote.Rsync(target + "/");
            string[] shell = to.RemoteShell is { } command ? ["-e", command] : [];
            var rsync = await ModelSync.Processes.ProcessRunner.Instance.RunAsync(
                new ModelSync.Processes.ProcessSpec("rsync", ["-rlpt", "--bwlimit=6000", .. shell, source + "/", to.Spec]), CancellationToken.None);
            Assert.Equal(0, rsync.ExitCode);
        });

        var reference = name == "sha256" ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights))
            : Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(weights));
        Assert.Equal([new FollowRecord(final, reference, Inode(final))], records);
    }

    [Fact]
    public async Task ATemporaryFileThatDoesNotBecomeTheFileGivesNoRecord()
    {
        var final = Path.Join(Root, "model.plan");
        var kept = Path.Join(Root, "config.bin");
        var records = await FollowAsync("sha256", [final, kept], async () =>
        {
            // What rsync does when a file fails its whole-file check: the first temporary file goes, a second one lands.
            var first = Path.Join(Root, ".model.plan.AAAAAA");
            var renamed = Path.Join(Root, ".config.bin.BBBBBB");
            await File.WriteAllTextAsync(first, "first!");
            await File.WriteAllTextAsync(renamed, "config");
            await Task.Delay(500); // the temporary file must live long enough for the follower to see it: that is the case under test
            File.Delete(first);
            await File.WriteAllTextAsync(final, "again!");
            File.Move(renamed, kept);
        });

        // config.bin, renamed into place as rsync does, shows the follower was watching; model.plan gets no record.
        Assert.Equal([new FollowRecord(kept, Sha256("config"), Inode(kept))], records);
    }

    /// <summary>Runs the follower over <paramref name="arguments"/> while <paramref name="write"/> writes; its records.</summary>
    private async Task<IReadOnlyList<FollowRecord>> FollowAsync(string function, string[] arguments, Func<Task> write)
    {
        var stop = new TaskCompletionSource();
        var follow = ModelSync.Processes.ProcessRunner.Instance.RunAsync(Remote.HashWhileWrittenProcess(HashFunction.TryParse(function)!, arguments)
            with { WriteStdin = _ => stop.Task }, CancellationToken.None);
        try
        {
            await Task.Delay(300); // the follower gives no sign that it watches; what it misses by starting late would pass unseen
            await write();
        }
        finally
        {
            stop.SetResult();
        }
        var followed = await follow;
        Assert.Equal(0, followed.ExitCode);
        return FollowOutput.Parse(followed.Stdout) ?? throw new InvalidOperationException("the follower printed a malformed record");
    }
}
