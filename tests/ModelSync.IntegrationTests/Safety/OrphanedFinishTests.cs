using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// The one call after the bytes (verify, publish, unlock) runs on on the server when its client is interrupted: sshd
/// lets a command without a terminal run on, and its publish ignores hang-ups. Until it ends the lock stays held, so a
/// rerun neither publishes nor removes anything beside it; once it has ended the same command completes.
/// </summary>
[Collection("sshd")]
public sealed class OrphanedFinishTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    /// <summary>
    /// <paramref name="option"/>: null, the push verifies and publishes in the one call after the bytes; <c>--no-verify</c>,
    /// it publishes in a call of its own.
    /// </summary>
    [Theory]
    [InlineData(null)]
    [InlineData("--no-verify")]
    public async Task CtrlCDuringTheFinishLeavesTheLockToTheServersFinishUntilItEndsThenTheSameCommandCompletes(string? option)
    {
        string[] push = option is null ? ["push", "./m", "alpha:" + Id] : ["push", "./m", "alpha:" + Id, option];
        var name = Id;
        var target = Path.Combine(Sshd.BaseA, name);
        var lockDir = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);
        var old = Path.Combine(Sshd.BaseA, ".model-sync-old." + name);
        var source = Tree("m").File("config.pbtxt", "v1").RandomFile("weights.bin", 1 << 20, 3).Root;
        await CliOk(push);
        await File.WriteAllTextAsync(Path.Combine(source, "config.pbtxt"), "v2 and longer");
        // A leftover of a publish cut short long ago, which the next publish removes first: the finish is held still
        // while it removes it (verified, not yet published), long before it could end.
        for (var d = 0; d < Dirs; d++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(old, "d" + d)).FullName;
            for (var f = 0; f < 1000; f++) await File.WriteAllBytesAsync(Path.Combine(dir, "f" + f), []);
        }

        Signal.LetChildrenBeInterrupted();
        using var cli = CliRunner.Start(push, ConfigPath, workingDirectory: Work);
        ServerProcessGroup? finish = null;
        await Eventually.TrueAsync(() => cli.HasExited || ((!Directory.Exists(old) || Directory.GetDirectories(old).Length < Dirs)
            && (finish = ServerProcessGroup.Find(stage, PublishScript)) is not null), TimeSpan.FromSeconds(60), "the finish call to start publishing");
        Assert.NotNull(finish);
        finish.Stop();
        try
        {
            Assert.True(Directory.Exists(stage) && Directory.Exists(old), "the finish was held still before it published");
            // Ctrl-C, and once the push has stopped waiting for the call (its ssh is gone), Ctrl-C again, which ends
            // the process at once: however the push stopped, the server's finish runs on.
            Signal.Interrupt(cli.Id);
            await Eventually.TrueAsync(() => cli.HasExited || !ProcessTable.Entries().Any(p => p.Program == "ssh" && p.Line.Contains(stage, StringComparison.Ordinal)
                && p.Line.Contains(PublishScript, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the push to stop waiting for its finish call");
            if (!cli.HasExited) Signal.Interrupt(cli.Id);
            var interrupted = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(90));

            Assert.NotEqual(0, interrupted.ExitCode);
            Assert.True(Directory.Exists(lockDir), "the lock was given up while the server's finish still runs");
            var before = Snapshot(target, stage, old);

            var rerun = await Cli(push);

            CliAssert.Error(rerun, 1, "verify-and-publish is still running there", "once that has ended");
            Assert.Equal(before, Snapshot(target, stage, old));
        }
        finally
        {
            finish.Continue();
        }
        await Eventually.TrueAsync(() => !finish.IsAlive, TimeSpan.FromSeconds(120), "the server's finish to end");
        // The one call gives the lock back as it publishes; a publish of its own leaves it to its client, which is
        // gone, so the lock is the stale one of a process gone from this machine, which the rerun breaks.
        if (option is null) Assert.False(Directory.Exists(lockDir), "the finish did not give the lock back");

        var again = await CliOk(push);

        TreeComparer.AssertSameTree(source, target);
        Assert.False(Directory.Exists(stage) || Directory.Exists(old), "something of the publish is left\n" + again);
    }

    private const int Dirs = 30;

    /// <summary>Words of publish.sh's text, which the finish call holds too (quoted into the remote command as they are): what marks the processes that publish.</summary>
    private const string PublishScript = "nothing to publish";

    /// <summary>What a run beside the held finish could change: the live model, the stage, the leftover.</summary>
    private static string Snapshot(params string[] paths) => string.Join('\n', paths.Select(p =>
        !Directory.Exists(p) ? p + ": none"
        : p + ": " + string.Join(' ', Directory.EnumerateFileSystemEntries(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(e => Path.GetRelativePath(p, e) + (File.Exists(e) ? "=" + new FileInfo(e).Length : "")))));
}
