using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// A finish recorded in the lock it runs under (finishing.sh): the client's release hands the lock to it while it
/// runs, it gives a handed lock back however it ends, a next run is told it is running, and a breaker that renamed the
/// lock away from a running finish puts it back. Run by this machine's dash; a live finish is a process of this test.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FinishingLockScriptTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-finishing-lock");

    public void Dispose() => _dir.Dispose();

    private string Target => Path.Join(_dir.Path, "m");

    private string LockDir => StageNames.Lock(Target);

    [Fact]
    public void AReleaseWhileTheFinishRunsHandsTheLockToIt()
    {
        Lock("ours", Environment.ProcessId);

        Run(RemoteScripts.LockRelease, "lock-release", LockDir, "ours", StageNames.Stage(Target), StageNames.Resume(Target));

        Assert.True(File.Exists(Path.Join(LockDir, "holder")), "the lock was released under a running finish");
        Assert.True(File.Exists(Path.Join(LockDir, "handed")));
    }

    [Fact]
    public void AReleaseAfterTheFinishEndedGivesTheLockBack()
    {
        Lock("ours", EndedPid());

        Run(RemoteScripts.LockRelease, "lock-release", LockDir, "ours", StageNames.Stage(Target), StageNames.Resume(Target));

        Assert.False(Path.Exists(LockDir));
    }

    [Fact]
    public void ANextRunIsToldTheFinishRunsAndWhetherItWasHandedTheLock()
    {
        Lock("ours", Environment.ProcessId);
        File.WriteAllText(Path.Join(LockDir, "handed"), "token=ours\n");

        var answer = Run(RemoteScripts.LockAcquire, "lock-acquire", LockDir, "host=other\ntoken=theirs\n", StageNames.Resume(Target));

        var held = Assert.IsType<LockAttempt.Held>(ShellRemote.ReadLockAnswer(answer));
        Assert.Equal(new LockFinisher(FinisherState.Running, true), held.Holder.Finisher);
        Assert.Equal("ours", held.Holder.Token);
    }

    [Fact]
    public void ABreakerPutsBackALockWhoseFinishRunsAndBreaksOneWhoseFinishEnded()
    {
        Lock("ours", Environment.ProcessId);
        Run(RemoteScripts.LockBreak, "lock-break", LockDir);
        Assert.True(File.Exists(Path.Join(LockDir, "finishing")), "a lock broken under a running finish");

        Lock("ours", EndedPid());
        Run(RemoteScripts.LockBreak, "lock-break", LockDir);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path, ".model-sync-lock*"));
    }

    [Fact]
    public void AFinishThatFindsAMismatchGivesBackALockHandedToItKeepingTheHolderAsTheStagesResumeRecord()
    {
        Staged();
        Lock("ours", null);
        File.WriteAllText(Path.Join(LockDir, "handed"), "token=ours\n");

        var (exitCode, stdout) = Finish("ours");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("mismatch ", stdout, StringComparison.Ordinal);
        Assert.False(Path.Exists(LockDir), "a lock handed to the finish outlived it");
        Assert.Contains("token=ours", File.ReadAllText(StageNames.Resume(Target)), StringComparison.Ordinal);
    }

    [Fact]
    public void AFinishThatFindsAMismatchKeepsALockNotHandedToItAndLeavesNoRecordOfItself()
    {
        Staged();
        Lock("ours", null);

        var (exitCode, stdout) = Finish("ours");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("mismatch ", stdout, StringComparison.Ordinal);
        Assert.Equal(["holder"], Directory.EnumerateFileSystemEntries(LockDir).Select(Path.GetFileName));
    }

    [Fact]
    public void AFinishWaitsForAnEarlierTryOfItStillRunningThenRecordsItself()
    {
        // The earlier try: a process that runs until its stdin closes (its connection dropped, the client retried).
        using var earlier = Process.Start(new ProcessStartInfo("cat") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("could not start cat");
        Staged();
        Lock("ours", earlier.Id);

        using var finish = StartFinish("ours");
        // Waiting: its loop sleeps between looks at the earlier try, which is still there.
        var waited = SpinWait.SpinUntil(() => Children(finish.Id).Contains("sleep") || finish.HasExited, TimeSpan.FromSeconds(30));
        Assert.True(waited && !finish.HasExited, "the finish did not wait for the earlier try");
        earlier.StandardInput.Close();
        earlier.WaitForExit();
        var stdout = finish.StandardOutput.ReadToEnd();
        finish.WaitForExit();

        Assert.StartsWith("mismatch ", stdout, StringComparison.Ordinal);
        Assert.Equal(["holder"], Directory.EnumerateFileSystemEntries(LockDir).Select(Path.GetFileName));
    }

    [Fact]
    public void AFinishUnderSomeoneElsesLockVerifiesAndPublishesNothing()
    {
        Staged();
        Lock("theirs", null);

        var (exitCode, stdout) = Finish("ours");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.True(Directory.Exists(StageNames.Stage(Target)) && !Path.Exists(Target));
        Assert.Equal(["holder"], Directory.EnumerateFileSystemEntries(LockDir).Select(Path.GetFileName));
    }

    [Fact]
    public void APublishOnItsOwnUnderItsLockRecordsItselfAndGivesBackALockHandedToIt()
    {
        Staged();
        Lock("ours", null);
        // Handed while it ran: its client was interrupted.
        File.WriteAllText(Path.Join(LockDir, "handed"), "token=ours\n");

        Run(RemoteScripts.PublishLocked, "publish-locked", StageNames.Stage(Target), Target, StageNames.Old(Target), LockDir, "ours", StageNames.Resume(Target));

        Assert.Equal("a", File.ReadAllText(Path.Join(Target, "a")));
        Assert.False(Path.Exists(LockDir) || Path.Exists(StageNames.Resume(Target)));
    }

    [Fact]
    public void APublishOnItsOwnUnderSomeoneElsesLockPublishesNothing()
    {
        Staged();
        Lock("theirs", null);

        var failed = Assert.Throws<InvalidOperationException>(() =>
            Run(RemoteScripts.PublishLocked, "publish-locked", StageNames.Stage(Target), Target, StageNames.Old(Target), LockDir, "ours", StageNames.Resume(Target)));

        Assert.Contains("nothing was published", failed.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(StageNames.Stage(Target)) && !Path.Exists(Target));
        Assert.Equal(["holder"], Directory.EnumerateFileSystemEntries(LockDir).Select(Path.GetFileName));
    }

    /// <summary>The lock <paramref name="token"/> holds, recording as its finish the process <paramref name="finisher"/> on this host (none when null).</summary>
    private void Lock(string token, int? finisher)
    {
        Directory.CreateDirectory(LockDir);
        File.WriteAllText(Path.Join(LockDir, "holder"), $"host=client\npid=1\ntoken={token}\n");
        if (finisher is { } pid)
            File.WriteAllText(Path.Join(LockDir, "finishing"), $"{Encoding.UTF8.GetString(TestProcess.RunBytes("uname", ["-n"])).TrimEnd('\n')} {pid.ToString(CultureInfo.InvariantCulture)}\n");
    }

    /// <summary>A stage holding <c>a</c> (one byte), which the finish below expects of two bytes: a mismatch, found without hashing.</summary>
    private void Staged()
    {
        Directory.CreateDirectory(StageNames.Stage(Target));
        File.WriteAllText(Path.Join(StageNames.Stage(Target), "a"), "a");
    }

    private (int ExitCode, string Stdout) Finish(string token)
    {
        using var process = StartFinish(token);
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout);
    }

    /// <summary>finish-stage.sh expecting <c>a</c> of two bytes under the lock <paramref name="token"/> holds, its input given, stderr left to the console.</summary>
    private Process StartFinish(string token)
    {
        var stage = StageNames.Stage(Target);
        var want = "f 2 a\0";
        var info = new ProcessStartInfo("dash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", RemoteScripts.FinishStage, "finish-stage", Target, stage, StageNames.Old(Target), LockDir, token, StageNames.Resume(Target),
                     stage, "sha256", "sha256sum", "16", ModelManifest.FileName, FindOutput.PrintfFormat, "first", want.Length.ToString(CultureInfo.InvariantCulture), "0", "0", "0", "0", "0"])
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dash");
        process.StandardInput.Write(want);
        process.StandardInput.Close();
        return process;
    }

    /// <summary>The program names of <paramref name="pid"/>'s children, as /proc lists them.</summary>
    private static List<string> Children(int pid)
    {
        try
        {
            var children = File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return [.. children.Select(c => File.Exists($"/proc/{c}/comm") ? File.ReadAllText($"/proc/{c}/comm").Trim() : "")];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>The pid of a process that has ended.</summary>
    private static int EndedPid()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false }) ?? throw new InvalidOperationException("could not start true");
        process.WaitForExit();
        return process.Id;
    }

    private static string Run(string script, string name, params string[] arguments) =>
        Encoding.UTF8.GetString(TestProcess.RunBytes("dash", ["-c", script, name, .. arguments]));
}
