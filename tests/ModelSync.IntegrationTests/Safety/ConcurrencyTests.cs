using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Publishing;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>One push per target at a time; what a second one and an abandoned lock get.</summary>
[Collection("sshd")]
public sealed class ConcurrencyTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task TheLockRecordsThePushAsACommandThatRunsAsPrinted()
    {
        var source = Tree("my weights").RandomFile("model.plan", 8 * 1024 * 1024, seed: 9).Root;
        var name = "quoted-holder-" + Id;
        var holder = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name, "holder");

        using var push = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "4000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => File.Exists(holder), TimeSpan.FromSeconds(30), "the push to take the lock");
        var record = await File.ReadAllTextAsync(holder);
        CliAssert.Exit(await CliRunner.WaitAsync(push, ["push"]), 0);

        Assert.Contains("model-sync push '" + source + "' alpha:" + name, record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfTwoConcurrentPushesOneWinsAndTheOtherNamesTheHolder()
    {
        var source = Tree("weights").RandomFile("model.plan", 16 * 1024 * 1024, seed: 7).Root;
        var name = "contested-" + Id;
        var lockPath = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);

        using var first = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "4000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(lockPath, "holder")), TimeSpan.FromSeconds(30), "the first push to take the lock");
        var second = await Cli("push", source, "alpha:" + name);
        var firstResult = await CliRunner.WaitAsync(first, ["push"]);

        CliAssert.Error(second, 1, "is locked by", "model-sync push", "--lock-timeout");
        CliAssert.Exit(firstResult, 0);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, "model.plan")),
            await File.ReadAllBytesAsync(Path.Combine(Sshd.BaseA, name, "model.plan")));
        Assert.False(Directory.Exists(lockPath), "the winner releases its lock");
    }

    [Fact]
    public async Task ASecondPushWithALockTimeoutWaitsAndThenSucceeds()
    {
        var source = Tree("weights").RandomFile("model.plan", 4 * 1024 * 1024, seed: 8).Root;
        var name = "patient-" + Id;
        var lockPath = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);

        using var first = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "2000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(lockPath, "holder")), TimeSpan.FromSeconds(30), "the first push to take the lock");
        var second = await Cli("push", source, "alpha:" + name, "--lock-timeout", "60");

        CliAssert.Exit(await CliRunner.WaitAsync(first, ["push"]), 0);
        CliAssert.Exit(second, 0);
    }

    [Fact]
    public async Task ALockFromAnotherHostIsRespectedUntilItIsOlderThanStaleLockHours()
    {
        var source = Tree("m").File("config.pbtxt", "name: \"m\"").Root;
        var name = "elsewhere-" + Id;
        var lockPath = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);
        Directory.CreateDirectory(lockPath);
        await File.WriteAllTextAsync(Path.Combine(lockPath, "holder"),
            "host=gpu-box-7\npid=4242\nsince=2026-01-01 00:00:00Z\ncommand=model-sync push other\ntoken=y\n");
        var withAge = Path.Combine(Work, "stale.yaml");
        await File.WriteAllTextAsync(withAge, (await File.ReadAllTextAsync(ConfigPath)).Replace("defaults:\n", "defaults:\n  stale_lock_hours: 1\n", StringComparison.Ordinal));

        var held = await CliWith(withAge, "push", source, "alpha:" + name);
        Directory.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddHours(-2));
        var broken = await CliWith(withAge, "push", source, "alpha:" + name);

        CliAssert.Error(held, 1, "is locked by model-sync push other (pid 4242 on gpu-box-7");
        CliAssert.Exit(broken, 0);
        Assert.Contains("breaking a stale lock", broken.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A lock as a push that died long ago left it: this host's name, a pid no process has, and <paramref name="machine"/> (none: as versions before machine ids wrote it).</summary>
    private async Task<(string Source, string Name)> DeadLockAsync(string machine)
    {
        var source = Tree("m").File("config.pbtxt", "name: \"m\"").Root;
        var name = "abandoned-" + Id;
        var lockPath = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);
        Directory.CreateDirectory(lockPath);
        await File.WriteAllTextAsync(Path.Combine(lockPath, "holder"),
            $"host={Environment.MachineName}\npid=2147483000\nsince=2026-01-01 00:00:00Z\ncommand=model-sync push old\ntoken=x\n"
            + (machine.Length > 0 ? $"machine={machine}\n" : ""));
        return (source, name);
    }

    [Fact]
    public async Task ALockLeftByADeadProcessOnThisMachineIsBrokenWithAWarning()
    {
        Assert.NotNull(MachineIdentity.Current); // the machine running the tests has /etc/machine-id
        var (source, name) = await DeadLockAsync(MachineIdentity.Current);

        var result = await Cli("push", source, "alpha:" + name);

        CliAssert.Exit(result, 0);
        Assert.Contains("breaking a stale lock", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("model-sync push old", result.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Sshd.BaseA, name, "config.pbtxt")));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef/pid:[4026531836]")] // a clone of this machine with the same hostname, or a container
    [InlineData("")] // written before locks recorded a machine id: it may as well come from such a clone
    public async Task ALockFromAnotherMachineWithThisHostnameIsNotJudgedByALocalPid(string machine)
    {
        var (source, name) = await DeadLockAsync(machine);

        var result = await Cli("push", source, "alpha:" + name);

        CliAssert.Error(result, 1, "is locked by model-sync push old (pid 2147483000 on " + Environment.MachineName);
        Assert.False(File.Exists(Path.Combine(Sshd.BaseA, name, "config.pbtxt")));
    }

    [Fact]
    public async Task ALockRecordsThisMachinesIdentityBesideItsHostname()
    {
        var source = Tree("weights").RandomFile("model.plan", 16 * 1024 * 1024, seed: 9).Root;
        var name = "recorded-" + Id;
        var holder = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name, "holder");

        using var push = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "4000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => File.Exists(holder), TimeSpan.FromSeconds(30), "the push to take the lock");
        var lines = await File.ReadAllLinesAsync(holder);
        CliAssert.Exit(await CliRunner.WaitAsync(push, ["push"]), 0);

        Assert.Contains($"host={Environment.MachineName}", lines);
        Assert.Contains($"machine={MachineIdentity.Current}", lines);
    }

    [Fact]
    public async Task ARePushThatChangesNothingDoesNotWaitForTheLock()
    {
        var source = Tree("m").File("config.pbtxt", "name: \"m\"").File("1/model.onnx", "weights").Root;
        var name = "unchanged-" + Id;
        CliAssert.Exit(await Cli("push", source, "alpha:" + name), 0);
        var lockPath = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);
        Directory.CreateDirectory(lockPath);
        await File.WriteAllTextAsync(Path.Combine(lockPath, "holder"),
            "host=gpu-box-7\npid=4242\nsince=2026-01-01 00:00:00Z\ncommand=model-sync push other\ntoken=y\n");

        var again = await Cli("push", source, "alpha:" + name);
        await File.AppendAllTextAsync(Path.Combine(source, "config.pbtxt"), "\n");
        var changed = await Cli("push", source, "alpha:" + name);

        CliAssert.Exit(again, 0);
        Assert.Contains("unchanged", again.Stdout, StringComparison.Ordinal);
        CliAssert.Error(changed, 1, "is locked by model-sync push other");
    }
}
