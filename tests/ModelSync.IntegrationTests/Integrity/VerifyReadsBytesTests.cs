using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>
/// <c>verify</c> reads the bytes on both sides unless told to trust recorded hashes: a byte flipped with size and
/// mtime kept (as bit rot, or <c>touch -r</c> after an edit, leaves them) fails it, and the printed repair runs.
/// </summary>
[Collection("sshd")]
public sealed class VerifyReadsBytesTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Model => "model-" + Id;

    private async Task PushedAsync(params string[] targets)
    {
        // Dated an hour back: files written in the second their hashing begins are rightly not cached (racily clean).
        Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 1).File("labels.txt", "en\nko\n")
            .SetAllTimes(DateTime.UtcNow.AddHours(-1));
        foreach (var target in targets) await CliOk("push", "./" + Model, target);
    }

    /// <summary>Flips one byte of <paramref name="file"/> and puts its mtime back to the nanosecond with <c>touch -r</c>.</summary>
    private async Task FlipKeepingSizeAndMtimeAsync(string file)
    {
        var reference = Path.Combine(Work, "mtime-of-" + Path.GetFileName(file));
        await TestProcess.RunOkAsync("touch", "-r", file, reference);
        var bytes = await File.ReadAllBytesAsync(file);
        bytes[1234] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);
        await TestProcess.RunOkAsync("touch", "-r", reference, file);
    }

    private static string RepairLine(CliResult result)
    {
        var line = result.Stdout.Split('\n').SingleOrDefault(l => l.StartsWith("To repair: `", StringComparison.Ordinal));
        Assert.True(line is not null, $"no 'To repair:' line\n{result}");
        return line["To repair: `".Length..^1];
    }

    private Task<CliResult> RunPrinted(string command)
    {
        Assert.StartsWith("model-sync ", command, StringComparison.Ordinal);
        return Cli(command["model-sync ".Length..].Split(' '));
    }

    [Fact]
    public async Task AByteFlippedOnTheServerWithSizeAndMtimeKeptFailsVerifyAndThePrintedRepairFixesIt()
    {
        await PushedAsync("alpha");
        var onServer = Path.Combine(Sshd.BaseA, Model, "1", "model.onnx");
        await FlipKeepingSizeAndMtimeAsync(onServer);

        var result = await Cli("verify", "./" + Model, "alpha");

        CliAssert.Exit(result, 3);
        Assert.Equal("content differs (sha256)", CliAssert.Cell(result, "1/model.onnx", "Problem"));
        CliAssert.StdoutContains(result, "Read now: 3 files here, 3 on alpha", "Result: FAILED — 1 problem");
        var repair = RepairLine(result);
        Assert.Equal($"model-sync push ./{Model} alpha --checksum", repair);

        CliAssert.Exit(await RunPrinted(repair), 0);

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, Model, "1", "model.onnx")), await File.ReadAllBytesAsync(onServer));
        CliAssert.StdoutContains(await CliOk("verify", "./" + Model, "alpha"), "Result: OK — all 3 files match");
    }

    [Fact]
    public async Task AByteFlippedHereWithSizeAndMtimeKeptIsNotHiddenByTheHashCache()
    {
        await PushedAsync("alpha");
        await FlipKeepingSizeAndMtimeAsync(Path.Combine(Work, Model, "1", "model.onnx"));

        var result = await Cli("verify", "./" + Model, "alpha");

        CliAssert.Exit(result, 3);
        Assert.Equal("content differs (sha256)", CliAssert.Cell(result, "1/model.onnx", "Problem"));
    }

    [Fact]
    public async Task WithTrustHashesVerifyTakesTheManifestAndTheCacheAndSaysSo()
    {
        await PushedAsync("alpha");
        await FlipKeepingSizeAndMtimeAsync(Path.Combine(Sshd.BaseA, Model, "1", "model.onnx"));

        var result = await Cli("verify", "./" + Model, "alpha", "--trust-hashes");
        var json = JsonSchemas.Valid(await Cli("verify", "./" + Model, "alpha", "--trust-hashes", "--json"), "verify.schema.json");

        // The shortcut's blind spot, by design: it is what the report warns of.
        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "Read now: 0 files here, 0 on alpha",
            "Trusted (--trust-hashes): 3 hashes from this machine's hash cache, 3 from the manifest on alpha; a change that kept size and mtime does not show",
            "Result: OK — all 3 files match");
        Assert.True(json["trusted_hashes"]!.GetValue<bool>());
        Assert.Equal(0, json["read_now"]!["remote"]!.GetValue<int>());
        Assert.Equal(3, json["trusted"]!["manifest"]!.GetValue<int>());
        Assert.Equal(3, json["trusted"]!["hash_cache"]!.GetValue<int>());
    }

    [Fact]
    public async Task VerifyAgainstTheManifestReadsTheBytesAndNamesThePushThatRepairsIt()
    {
        await PushedAsync("alpha");
        await FlipKeepingSizeAndMtimeAsync(Path.Combine(Sshd.BaseA, Model, "1", "model.onnx"));

        var result = await Cli("verify", "alpha:" + Model);
        var json = JsonSchemas.Valid(await Cli("verify", "alpha:" + Model, "--json"), "verify.schema.json");

        CliAssert.Exit(result, 3);
        Assert.Equal("content differs (sha256)", CliAssert.Cell(result, "1/model.onnx", "Problem"));
        CliAssert.StdoutContains(result, "Read now: 3 files on alpha");
        var repair = RepairLine(result);
        Assert.Equal($"model-sync push {Path.Combine(Work, Model)} alpha:{Model} --checksum", repair);
        Assert.Equal(repair, json["repair_command"]!.GetValue<string>());
        Assert.Null(json["read_now"]!["local"]);

        CliAssert.Exit(await RunPrinted(repair), 0);
        CliAssert.StdoutContains(await CliOk("verify", "alpha:" + Model), "Result: OK — all 3 files match");
    }

    [Fact]
    public async Task ExtraFilesOnTheServerMakeTheRepairADeleteThatAsksFirst()
    {
        await PushedAsync("alpha");
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, Model, "stray.bin"), "x");
        File.Delete(Path.Combine(Sshd.BaseA, Model, "labels.txt"));

        var result = await Cli("verify", "./" + Model, "alpha");

        CliAssert.Exit(result, 3);
        var repair = RepairLine(result);
        Assert.Equal($"model-sync push ./{Model} alpha --checksum --delete", repair);
        // Without a terminal to ask on, the push lists nothing away unasked: it wants --yes.
        CliAssert.Exit(await RunPrinted(repair), 2);
        CliAssert.Exit(await RunPrinted(repair + " --yes"), 0);
        CliAssert.StdoutContains(await CliOk("verify", "./" + Model, "alpha"), "Result: OK — all 3 files match");
    }

    [Fact]
    public async Task VerifyAgainstAManifestWhoseSourceIsGoneSaysHowToRepairWithoutACommandThatCannotRun()
    {
        await PushedAsync("alpha");
        await FlipKeepingSizeAndMtimeAsync(Path.Combine(Sshd.BaseA, Model, "1", "model.onnx"));
        Directory.Move(Path.Combine(Work, Model), Path.Combine(Work, "moved-" + Id));

        var result = await Cli("verify", "alpha:" + Model);

        CliAssert.Exit(result, 3);
        CliAssert.StdoutContains(result, $"To repair: push a good copy to it again with --checksum, e.g. model-sync push <local> alpha:{Path.Combine(Sshd.BaseA, Model)} --checksum");
        Assert.DoesNotContain("To repair: `", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupWithoutAModelAndNoLocalCopyIsRefusedBeforeAnyServerIsAsked()
    {
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA), TestConfig.Ssh(Sshd, "beta", Sshd.BaseB));
        await File.AppendAllTextAsync(config, "groups:\n  pair: [alpha, beta]\n");

        CliAssert.Error(await CliWith(config, "verify", "@pair"), 2, "'alpha' names no model", "verify <local> alpha");
    }

    [Fact]
    public async Task TrustHashesWithoutALocalCopyIsRefused()
    {
        var result = await Cli("verify", "alpha:" + Model, "--trust-hashes");

        CliAssert.Error(result, 2, "--trust-hashes", "verify <local>");
    }

    [Fact]
    public async Task VerifyOverAGroupGivesARowPerServerTheMostSeriousExitAndOneRepair()
    {
        var config = TestConfig.Write(Work,
            TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA), TestConfig.Ssh(Sshd, "beta", Sshd.BaseB),
            TestConfig.Ssh(Sshd, "gone", Sshd.BaseA) with { Port = ClosedPort.Get() });
        await File.AppendAllTextAsync(config, "groups:\n  pair: [alpha, beta]\n");
        Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 1).File("labels.txt", "en\nko\n");
        CliAssert.Exit(await CliWith(config, "push", "./" + Model, "@pair"), 0);
        await FlipKeepingSizeAndMtimeAsync(Path.Combine(Sshd.BaseB, Model, "1", "model.onnx"));

        var result = await CliWith(config, "verify", "./" + Model, "@pair", "gone");
        var json = JsonSchemas.Valid(await CliWith(config, "verify", "./" + Model, "@pair", "--json"), "verify-fleet.schema.json");
        var againstManifests = await CliWith(config, "verify", "@pair:" + Model);

        CliAssert.Exit(result, 3);
        Assert.Equal("OK", CliAssert.Cell(result, "alpha", "Status"));
        Assert.Equal("3", CliAssert.Cell(result, "alpha", "Read now"));
        Assert.Equal("FAILED — 1 problem", CliAssert.Cell(result, "beta", "Status"));
        Assert.Equal("FAILED (exit 1)", CliAssert.Cell(result, "gone", "Status"));
        CliAssert.StdoutContains(result, "- beta: 1/model.onnx: content differs (sha256)", "- gone: cannot reach");
        var repair = RepairLine(result);
        Assert.Equal($"model-sync push ./{Model} beta --checksum", repair);

        Assert.False(json["ok"]!.GetValue<bool>());
        Assert.Equal(repair, json["repair_commands"]!.AsArray().Single()!["command"]!.GetValue<string>());
        var servers = json["servers"]!.AsArray().Select(s => (s!["server"]!.GetValue<string>(), s["verify"]!["ok"]!.GetValue<bool>())).ToList();
        Assert.Equal([("alpha", true), ("beta", false)], servers);

        CliAssert.Exit(againstManifests, 3);
        Assert.Equal("OK", CliAssert.Cell(againstManifests, "alpha", "Status"));
        Assert.Equal("FAILED — 1 problem", CliAssert.Cell(againstManifests, "beta", "Status"));

        CliAssert.Exit(await CliWith(config, RepairLine(result)["model-sync ".Length..].Split(' ')), 0);
        CliAssert.Exit(await CliWith(config, "verify", "./" + Model, "@pair"), 0);
    }

    [Fact]
    public async Task FleetVerifyJsonIsOneDocumentEvenWhenEveryServerMatches()
    {
        await PushedAsync("alpha", "beta");

        var json = JsonSchemas.Valid(await CliOk("verify", "./" + Model, "alpha", "beta", "--json"), "verify-fleet.schema.json");

        Assert.True(json["ok"]!.GetValue<bool>());
        Assert.Empty(json["repair_commands"]!.AsArray());
        Assert.All(json["servers"]!.AsArray(), s => Assert.Equal(3, s!["verify"]!["read_now"]!["remote"]!.GetValue<int>()));
    }
}
