using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Transfer;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary>
/// A new version pushed beside an older one of the same MODEL starts from it: only the difference crosses the wire,
/// about what <c>rsync -a --copy-dest=../previous</c> sends, and the older version is never touched.
/// </summary>
[Collection("sshd")]
public sealed class BasisTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Old = "RTX3090_N2501_ASR_250715";
    private const string New = "RTX3090_N2501_ASR_250820";
    private const int Large = 24 << 20;
    private const int Changed = 1 << 20;

    private string Dir => "basis-" + Id;

    private string OnServer(string name) => Path.Combine(Sshd.BaseA, Dir, name);

    [Fact]
    public async Task ANewVersionWithAChangeInsideALargeFileAndANewConfigSendsAboutWhatRsyncCopyDestSends()
    {
        await PushOldVersionAsync();
        MakeNewVersion();

        var push = CliAssert.Json(await CliOk("push", New, $"alpha:{Dir}/{New}", "--json")).RootElement;
        var rsync = await TestProcess.RunAsync("rsync", ["-a", "--stats", $"--copy-dest=../{Old}", "-e", string.Join(' ', ["ssh", .. Sshd.SshClientArgs()]),
            New + "/", $"{Sshd.UserName}@127.0.0.1:{OnServer("rsync-copy-dest")}/"], workingDirectory: Work);

        Assert.True(rsync.ExitCode == 0, rsync.Stderr);
        var ours = push.GetProperty("bytes_sent").GetInt64();
        var theirs = RsyncOutput.ParseStats(rsync.Stdout).BytesSent;
        Assert.True(ours <= theirs * 1.1, $"model-sync sent {ours} bytes, rsync --copy-dest {theirs}");
        Assert.True(ours < Large / 4, $"model-sync sent {ours} bytes for a {Changed}-byte change");
        var basis = push.GetProperty("basis");
        Assert.Equal((Old, false), (basis.GetProperty("name").GetString(), basis.GetProperty("named").GetBoolean()));
        Assert.True(basis.GetProperty("bytes_saved").GetInt64() >= Large - 2 * Changed, push.ToString());
        Assert.True(push.GetProperty("verified").GetBoolean());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, New, "1", "model.plan")), await File.ReadAllBytesAsync(Path.Combine(OnServer(New), "1", "model.plan")));
        Assert.False(File.Exists(Path.Combine(OnServer(New), "old-notes.txt")), "a file only the basis has is not part of the new version");
        Assert.Equal(Inode(Path.Combine(OnServer(Old), "tokenizer.json")), Inode(Path.Combine(OnServer(New), "tokenizer.json")));
    }

    [Fact]
    public async Task WithParallelStreamsWhatTheBasisHoldsStillGoesAsADeltaAndTheBasisIsLeftAlone()
    {
        await PushOldVersionAsync();
        MakeNewVersion();
        var before = await File.ReadAllBytesAsync(Path.Combine(OnServer(Old), "1", "model.plan"));

        var push = CliAssert.Json(await CliOk("push", New, $"alpha:{Dir}/{New}", "--streams", "4", "--json")).RootElement;

        Assert.True(push.GetProperty("bytes_sent").GetInt64() < Large / 4, push.ToString());
        Assert.True(push.GetProperty("verified").GetBoolean());
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(OnServer(Old), "1", "model.plan")));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, New, "1", "model.plan")), await File.ReadAllBytesAsync(Path.Combine(OnServer(New), "1", "model.plan")));
    }

    [Fact]
    public async Task TheDryRunAndTheReportNameTheBasis()
    {
        await PushOldVersionAsync();
        MakeNewVersion();

        var dry = await CliOk("push", New, $"alpha:{Dir}/{New}", "--dry-run");
        var push = await CliOk("push", New, $"alpha:{Dir}/{New}");

        Assert.Contains($"Basis: {Old} (newest other version of the model): 1 file (", dry.Stdout, StringComparison.Ordinal);
        Assert.Contains($"| Basis | {Old} (newest other version of the model): ", push.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APullOfANewVersionStartsFromTheOlderCopyHere()
    {
        await PushOldVersionAsync();
        MakeNewVersion();
        await CliOk("push", New, $"alpha:{Dir}/{New}");
        Directory.CreateDirectory(Path.Combine(Work, "pulled"));
        await CliOk("pull", $"alpha:{Dir}/{Old}", "./pulled/");

        var pull = CliAssert.Json(await CliOk("pull", $"alpha:{Dir}/{New}", "./pulled/", "--json")).RootElement;

        Assert.Equal(Old, pull.GetProperty("basis").GetProperty("name").GetString());
        Assert.True(pull.GetProperty("bytes_sent").GetInt64() < Large / 4, pull.ToString());
        Assert.True(pull.GetProperty("verified").GetBoolean());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, New, "1", "model.plan")), await File.ReadAllBytesAsync(Path.Combine(Work, "pulled", New, "1", "model.plan")));
        Assert.Equal(Inode(Path.Combine(Work, "pulled", Old, "tokenizer.json")), Inode(Path.Combine(Work, "pulled", New, "tokenizer.json")));
        Assert.Equal(["1", "config.pbtxt", "old-notes.txt", "tokenizer.json"], Directory.GetFileSystemEntries(Path.Combine(Work, "pulled", Old)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task LangdetectorNeverStartsFromLangdetectorMms()
    {
        Tree("mms").File("config.pbtxt", "mms").RandomFile("w.bin", 1 << 20, 7);
        await CliOk("push", "./mms", $"alpha:{Dir}/RTX3090_N2501_LANGDETECTOR_MMS_251030");
        Tree("plain").File("config.pbtxt", "plain").RandomFile("w.bin", 1 << 20, 7);

        var plain = CliAssert.Json(await CliOk("push", "./plain", $"alpha:{Dir}/RTX3090_N2501_LANGDETECTOR_251201", "--json")).RootElement;
        var mms = CliAssert.Json(await CliOk("push", "./mms", $"alpha:{Dir}/RTX3090_N2501_LANGDETECTOR_MMS_251201", "--json")).RootElement;

        Assert.Equal(JsonValueKind.Null, plain.GetProperty("basis").ValueKind);
        Assert.Equal("RTX3090_N2501_LANGDETECTOR_MMS_251030", mms.GetProperty("basis").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ABasisNamedThatIsNotThereIsOneErrorLineAndExit2()
    {
        await PushOldVersionAsync();
        MakeNewVersion();

        var result = await Cli("push", New, $"alpha:{Dir}/{New}", "--basis", "RTX3090_N2501_ASR_250101");

        CliAssert.Error(result, 2, "--basis 'RTX3090_N2501_ASR_250101': no such version beside alpha:", "leave --basis out");
        Assert.False(Directory.Exists(OnServer(New)));
    }

    [Fact]
    public async Task ABasisThatIsASymlinkIsNeverFollowed()
    {
        var elsewhere = Tree("elsewhere").File("tokenizer.json", "{\"vocab\": 1}").File("1/model.plan", "not weights").Root;
        await PushOldVersionAsync();
        File.CreateSymbolicLink(OnServer("RTX3090_N2501_ASR_250801"), elsewhere);
        MakeNewVersion();

        var named = await Cli("push", New, $"alpha:{Dir}/{New}", "--basis", "RTX3090_N2501_ASR_250801");
        var found = CliAssert.Json(await CliOk("push", New, $"alpha:{Dir}/{New}", "--json")).RootElement;

        CliAssert.Error(named, 2, "is a symlink", "never followed");
        Assert.Equal(Old, found.GetProperty("basis").GetProperty("name").GetString());
        Assert.Equal(["1", "tokenizer.json"], Directory.GetFileSystemEntries(elsewhere).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("not weights", await File.ReadAllTextAsync(Path.Combine(elsewhere, "1", "model.plan")));
    }

    [Fact]
    public async Task BasisNoneSendsTheWholeNewVersion()
    {
        await PushOldVersionAsync();
        MakeNewVersion();

        var push = CliAssert.Json(await CliOk("push", New, $"alpha:{Dir}/{New}", "--basis", "none", "--json")).RootElement;

        Assert.Equal(JsonValueKind.Null, push.GetProperty("basis").ValueKind);
        Assert.True(push.GetProperty("bytes_sent").GetInt64() > Large, push.ToString());
    }

    /// <summary>The older version: a large weights file, a tokenizer, a config, and notes the new version drops.</summary>
    private async Task PushOldVersionAsync()
    {
        Tree(Old).RandomFile("1/model.plan", Large, 13).File("tokenizer.json", "{\"vocab\": 32000}").File("config.pbtxt", "max_batch_size: 8").File("old-notes.txt", "v1");
        await CliOk("push", Old, $"alpha:{Dir}/{Old}");
    }

    /// <summary>The new version: the old one's files (times kept), 1 MiB changed in the middle of the weights, a new config, the notes gone.</summary>
    private void MakeNewVersion()
    {
        TestProcess.RunBytes("cp", ["-a", Path.Combine(Work, Old), Path.Combine(Work, New)]);
        File.Delete(Path.Combine(Work, New, "old-notes.txt"));
        var weights = Path.Combine(Work, New, "1", "model.plan");
        using (var stream = new FileStream(weights, FileMode.Open, FileAccess.Write))
        {
            stream.Position = Large / 2;
            var patch = new byte[Changed];
#pragma warning disable CA5394 // test data, not security
            new Random(99).NextBytes(patch);
#pragma warning restore CA5394
            stream.Write(patch);
        }
        // A later export, dated later: in the same second as the old version, rsync's quick check would take the
        // changed file for the old one (rsync --copy-dest then sends nothing and copies the wrong bytes).
        File.SetLastWriteTimeUtc(weights, File.GetLastWriteTimeUtc(Path.Combine(Work, Old, "1", "model.plan")).AddSeconds(10));
        File.WriteAllText(Path.Combine(Work, New, "config.pbtxt"), "max_batch_size: 16\ndynamic_batching { }\n");
    }

    private static long Inode(string path) =>
        long.Parse(System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
