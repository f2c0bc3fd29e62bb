using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A previous version an earlier publish left beside the target (<c>.model-sync-old.NAME</c>) that still cannot be
/// removed: a push that would publish stops before it sends a byte, naming the command that removes it, since the publish
/// needs that name; a push that finds the model up to date is done with a warning, as before. A file made immutable
/// (chattr +i) in the leftover stands for another user's files: it stops even root, whom the fixture logs in as.
/// </summary>
[Collection("sshd")]
public sealed partial class PreviousVersionInTheWayTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task APushThatWouldPublishStopsBeforeItSendsAndThePrintedRemovalLetsTheRerunThrough()
    {
        // Before: the whole model was sent and hashed, then the publish failed on the old name, and every push did so again.
        var name = "in-the-way-" + Id;
        var target = Path.Combine(Sshd.BaseA, name);
        var old = Path.Combine(Sshd.BaseA, ".model-sync-old." + name);
        Tree(name).File("config.pbtxt", "v1").SetAllTimes(DateTime.UtcNow.AddHours(-2));
        await CliOk("push", "./" + name, "alpha:");
        var tree = Tree(name).File("config.pbtxt", "v2").RandomFile("1/model.plan", 2 * 1024 * 1024, seed: 41).SetAllTimes(DateTime.UtcNow.AddHours(-1));
        var stuck = new TreeBuilder(old).File("1/model.plan", "the version before");
        var pinned = Path.Combine(stuck.Root, "1", "model.plan");

        TestProcess.RunBytes("chattr", ["+i", pinned]);
        CliResult refused, refusedJson;
        try
        {
            refused = await CliRunner.RunAsync(["push", "./" + name, "alpha:"], ConfigPath, new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);
            refusedJson = await Cli("push", "./" + name, "alpha:", "--json");
        }
        finally
        {
            TestProcess.RunBytes("chattr", ["-i", pinned]);
        }

        var line = CliAssert.Error(refused, 1, $"alpha:{target} cannot be published: the previous version an earlier publish left at {old} is in the way",
            $"({pinned} refuses writes even from root: immutable or append-only (chattr -i -a first), or on a read-only file system); nothing was sent",
            $"remove it as a user allowed to: rm -rf -- '{old}', then run the same command again");
        CliAssert.JsonError(refusedJson, 1, "is in the way", $"rm -rf -- '{old}'");
        Assert.Equal(["prepare-target.sh", "lock-release.sh"], TracedCalls.ServerCalls(refused));
        Assert.DoesNotContain(refused.Stderr.Split('\n'), l => l.StartsWith("trace: ", StringComparison.Ordinal) && l.Contains(" rsync ", StringComparison.Ordinal));
        Assert.Equal("v1", File.ReadAllText(Path.Combine(target, "config.pbtxt")));
        Assert.False(Path.Exists(Path.Combine(target, "1")));
        Assert.Equal("the version before", File.ReadAllText(pinned));
        Assert.Equal([".model-sync-old." + name, name], Directory.EnumerateFileSystemEntries(Sshd.BaseA, "*" + name).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var removal = await PrintedCommand.RunAsync(Removal().Match(line).Groups[1].Value, ConfigPath, Work);
        var rerun = await Cli("push", "./" + name, "alpha:");

        Assert.True(removal.ExitCode == 0, removal.ToString());
        CliAssert.Exit(rerun, 0);
        Assert.DoesNotContain("previous version", rerun.Stderr, StringComparison.Ordinal);
        TreeComparer.AssertSameTree(tree.Root, target);
        Assert.False(Path.Exists(old));
    }

    [Fact]
    public async Task APushThatFindsTheModelUpToDateIsDoneWithAWarningAsBefore()
    {
        var name = "up-to-date-" + Id;
        var old = Path.Combine(Sshd.BaseA, ".model-sync-old." + name);
        Tree(name).File("config.pbtxt", "v1").SetAllTimes(DateTime.UtcNow.AddHours(-1));
        await CliOk("push", "./" + name, "alpha:");
        var pinned = Path.Combine(new TreeBuilder(old).File("config.pbtxt", "v0").Root, "config.pbtxt");

        TestProcess.RunBytes("chattr", ["+i", pinned]);
        CliResult again;
        try
        {
            again = await Cli("push", "./" + name, "alpha:");
        }
        finally
        {
            TestProcess.RunBytes("chattr", ["-i", pinned]);
        }

        CliAssert.Exit(again, 0);
        CliAssert.StdoutContains(again, "already up to date");
        Assert.Contains($"warning: alpha:{Path.Combine(Sshd.BaseA, name)} is published, but its previous version is left at {old} (", again.Stderr, StringComparison.Ordinal);
        Assert.Equal("v0", File.ReadAllText(pinned));
    }

    /// <summary>The command the fix prints, as printed.</summary>
    [GeneratedRegex(@"allowed to: (rm -rf -- '[^']*'), then")]
    private static partial Regex Removal();
}
