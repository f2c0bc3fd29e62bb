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
    [Fact]
    public async Task CtrlCDuringTheFinishLeavesTheLockToTheServersFinishUntilItEndsThenTheSameCommandCompletes()
    {
        var name = "orphan-" + Id;
        var target = Path.Combine(Sshd.BaseA, name);
        var lockDir = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);
        var old = Path.Combine(Sshd.BaseA, ".model-sync-old." + name);
        var source = Tree("m").File("config.pbtxt", "v1").RandomFile("weights.bin", 1 << 20, 3).Root;
        await CliOk("push", "./m", "alpha:" + name);
        await File.WriteAllTextAsync(Path.Combine(source, "config.pbtxt"), "v2 and longer");
        // A leftover of a publish cut short long ago, which the next publish removes first: the finish is held still
        // while it removes it (verified, not yet published), long before it could end.
        for (var d = 0; d < Dirs; d++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(old, "d" + d)).FullName;
            for (var f = 0; f < 1000; f++) await File.WriteAllBytesAsync(Path.Combine(dir, "f" + f), []);
        }

        Signal.LetChildrenBeInterrupted();
        using var cli = CliRunner.Start(["push", "./m", "alpha:" + name], ConfigPath, workingDirectory: Work);
        ServerProcessGroup? finish = null;
        await Eventually.TrueAsync(() => cli.HasExited || ((!Directory.Exists(old) || Directory.GetDirectories(old).Length < Dirs)
            && (finish = ServerProcessGroup.Find(lockDir, FinishScript)) is not null), TimeSpan.FromSeconds(60), "the finish call to start publishing");
        Assert.NotNull(finish);
        finish.Stop();
        try
        {
            Assert.True(Directory.Exists(stage) && Directory.Exists(old), "the finish was held still before it published");
            // Ctrl-C, and once the push has stopped waiting for the call (its ssh is gone), Ctrl-C again, which ends
            // the process at once: however the push stopped, the server's finish runs on.
            Signal.Interrupt(cli.Id);
            await Eventually.TrueAsync(() => cli.HasExited || !ProcessTable.Entries().Any(p => p.Program == "ssh" && p.Line.Contains(lockDir, StringComparison.Ordinal)
                && p.Line.Contains(FinishScript, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the push to stop waiting for its finish call");
            if (!cli.HasExited) Signal.Interrupt(cli.Id);
            var interrupted = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(90));

            Assert.NotEqual(0, interrupted.ExitCode);
            Assert.True(Directory.Exists(lockDir), "the lock was given up while the server's finish still runs");
            var before = Snapshot(target, stage, old);

            var rerun = await Cli("push", "./m", "alpha:" + name);

            CliAssert.Error(rerun, 1, "verify-and-publish is still running there", "once that has ended");
            Assert.Equal(before, Snapshot(target, stage, old));
        }
        finally
        {
            finish.Continue();
        }
        await Eventually.TrueAsync(() => !Directory.Exists(lockDir) && !finish.IsAlive, TimeSpan.FromSeconds(120), "the server's finish to end and give the lock back");

        var again = await CliOk("push", "./m", "alpha:" + name);

        TreeComparer.AssertSameTree(source, target);
        Assert.False(Directory.Exists(stage) || Directory.Exists(old) || Directory.Exists(lockDir), "something of the publish is left\n" + again);
    }

    private const int Dirs = 30;

    /// <summary>A line of finish-stage.sh's text (quoted into the remote command as it is): what marks its processes.</summary>
    private const string FinishScript = "mismatch %s";

    /// <summary>What a run beside the held finish could change: the live model, the stage, the leftover.</summary>
    private static string Snapshot(params string[] paths) => string.Join('\n', paths.Select(p =>
        !Directory.Exists(p) ? p + ": none"
        : p + ": " + string.Join(' ', Directory.EnumerateFileSystemEntries(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(e => Path.GetRelativePath(p, e) + (File.Exists(e) ? "=" + new FileInfo(e).Length : "")))));
}
