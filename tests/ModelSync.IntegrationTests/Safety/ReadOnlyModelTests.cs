using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// Models published read-only (directories 0555, files 0444, as <c>chmod -R a-w</c> leaves them), pushed, replaced
/// and pruned by the real CLI as a user without root's bypass of permissions (nobody when the tests run as root,
/// else the user running them) on a local alias, whose scripts run as that user just as they would over ssh. The
/// fixture's sshd logs in as the user running the tests, root here, whom no mode stops.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReadOnlyModelTests : IDisposable
{
    private const string Older = "RTX3090_N2501_ASR_250715";
    private const string Newer = "RTX3090_N2501_ASR_250820";

    private static readonly UnixFileMode ReadOnlyDirectory = ModeOf("555");
    private static readonly UnixFileMode ReadOnlyFile = ModeOf("444");

    private readonly TempDirectory _root = new("ms-ro");

    private string Base => Path.Join(_root.Path, "base");

    private string Work => Path.Join(_root.Path, "work");

    private string Home => Path.Join(_root.Path, "home");

    public ReadOnlyModelTests()
    {
        File.SetUnixFileMode(_root.Path, ModeOf("755"));
        foreach (var directory in new[] { Base, Work, Home }) Directory.CreateDirectory(directory);
    }

    public void Dispose()
    {
        foreach (var directory in Directory.EnumerateDirectories(_root.Path, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(directory, ModeOf("755"));
        _root.Dispose();
    }

    [Fact]
    public async Task PushingOverAReadOnlyVersionReplacesItAndLeavesNothingBehind()
    {
        // Before: the version moved aside by the swap kept its entries, its removal's failure was ignored, and it stayed as .model-sync-old.m.
        ReadOnlyModel("m", "old weights", DateTime.UtcNow.AddHours(-2));
        CliAssert.Exit(await AsUser("push", "./m", "local:"), 0);
        ReadOnlyModel("m", "new weights, longer", DateTime.UtcNow.AddHours(-1));

        var push = await AsUser("push", "./m", "local:");

        CliAssert.Exit(push, 0);
        Assert.Equal("new weights, longer", File.ReadAllText(Path.Join(Base, "m", "1", "model.onnx")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(Base, "m")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(Base, "m", "1")));
        Assert.Equal(ReadOnlyFile, File.GetUnixFileMode(Path.Join(Base, "m", "1", "model.onnx")));
        Assert.Equal(["m"], Entries(Base));
    }

    [Fact]
    public async Task PruningReadOnlyVersionsRemovesAllOfThem()
    {
        // Before: the version renamed aside was half removed, prune failed, and .model-sync-pruned.* stayed.
        ReadOnlyModel(Older, "older weights", DateTime.UtcNow.AddHours(-2));
        ReadOnlyModel(Newer, "newer weights", DateTime.UtcNow.AddHours(-1));
        foreach (var name in new[] { Older, Newer }) CliAssert.Exit(await AsUser("push", "./" + name, "local:"), 0);

        var prune = await AsUser("prune", "local", "--model", "asr", "--keep", "1", "--yes");

        CliAssert.Exit(prune, 0);
        Assert.Equal([Newer], Entries(Base));
    }

    [Fact]
    public async Task AnUnverifiedPushOverAReadOnlyVersionReplacesIt()
    {
        // The stage, seeded from the read-only version, holds its manifest (a hard link) in a directory the copy left
        // 0555 as the source has it: remove.sh cannot take the manifest out of it, and the push fails before publishing.
        ReadOnlyModel("m", "old weights", DateTime.UtcNow.AddHours(-2));
        CliAssert.Exit(await AsUser("push", "./m", "local:"), 0);
        ReadOnlyModel("m", "new weights, longer", DateTime.UtcNow.AddHours(-1));

        var push = await AsUser("push", "./m", "local:", "--no-verify");

        CliAssert.Exit(push, 0);
        Assert.Equal("new weights, longer", File.ReadAllText(Path.Join(Base, "m", "1", "model.onnx")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(Base, "m")));
    }

    [Fact]
    public async Task ALinkTheNewVersionTurnsIntoADirectoryLeavesWhatItPointedToAsItWas()
    {
        // The local copy gives u+w to the stage's path of every source directory before it clears what changed kind: a
        // path below the seeded link (tok/inner) resolves through it, and the other model's directory got u+w.
        var outside = Directory.CreateDirectory(Path.Join(Base, "shared", "tok", "inner")).FullName;
        File.WriteAllText(Path.Join(outside, "vocab.txt"), "shared vocab");
        var model = Path.Join(Work, "m");
        new TreeBuilder(model).File("config.pbtxt", "name: \"m\"\n").SetAllTimes(DateTime.UtcNow.AddHours(-2));
        File.CreateSymbolicLink(Path.Join(model, "tok"), Path.Join(Base, "shared", "tok"));
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", _root.Path]);
        foreach (var directory in new[] { outside, Path.Join(Base, "shared", "tok"), Path.Join(Base, "shared") }) File.SetUnixFileMode(directory, ReadOnlyDirectory);
        CliAssert.Exit(await AsUser("push", "./m", "local:"), 0);
        File.Delete(Path.Join(model, "tok"));
        new TreeBuilder(model).File("tok/inner/vocab.txt", "own vocab").SetAllTimes(DateTime.UtcNow.AddHours(-1));
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", model]);

        var push = await AsUser("push", "./m", "local:", "--delete", "--yes");

        CliAssert.Exit(push, 0);
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(outside));
        Assert.Equal("own vocab", File.ReadAllText(Path.Join(Base, "m", "tok", "inner", "vocab.txt")));
    }

    [Fact]
    public async Task APushWhosePreviousVersionHoldsAnotherUsersDirectoryIsDoneWithOneWarningAndAnyRerunSaysSoUntilItGoes()
    {
        // Before: exit 1, "could not move the verified copy into place … m is published; its previous version is left
        // at …", though the new version was live; and a rerun then said the model was up to date, not a word about it.
        if (!Environment.IsPrivilegedProcess) return; // only root can give a model a directory of another user's
        ReadOnlyModel(Newer, "old weights", DateTime.UtcNow.AddHours(-2));
        CliAssert.Exit(await AsUser("push", "./" + Newer, "local:"), 0);
        ReadOnlyModel(Newer, "new weights, longer", DateTime.UtcNow.AddHours(-1));
        // A directory of another user's (its files the pusher's own, so the stage can still be seeded with links of them).
        TestProcess.RunBytes("chown", ["-h", "0:0", Path.Join(Base, Newer, "1")]);
        var old = Path.Join(Base, ".model-sync-old." + Newer);
        var warning = $"local:{Path.Join(Base, Newer)} is published, but its previous version is left at {old} (rm: cannot remove '{old}/1/model.onnx': Permission denied); " +
            $"remove it as a user allowed to: rm -rf -- '{old}'";

        var push = await AsUser("push", "./" + Newer, "local:", "--json");
        var rerun = await AsUser("push", "./" + Newer, "local:");
        TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", old]);
        var fixedRerun = await AsUser("push", "./" + Newer, "local:");

        CliAssert.Exit(push, 0);
        using var report = System.Text.Json.JsonDocument.Parse(push.Stdout);
        Assert.True(report.RootElement.GetProperty("published").GetBoolean());
        Assert.Equal([warning], report.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal([$"model-sync: warning: {warning}"], push.Stderr.Split('\n').Where(l => l.Contains("warning", StringComparison.Ordinal)));
        Assert.Equal("new weights, longer", File.ReadAllText(Path.Join(Base, Newer, "1", "model.onnx")));
        CliAssert.Exit(rerun, 0);
        Assert.Contains($"model-sync: warning: {warning}", rerun.Stderr, StringComparison.Ordinal);
        CliAssert.Exit(fixedRerun, 0);
        Assert.DoesNotContain("warning", fixedRerun.Stderr, StringComparison.Ordinal);
        Assert.Equal([Newer], Entries(Base));
    }

    [Fact]
    public async Task APushOverAVersionOfAnotherUsersFilesSendsThemWholeAndLeavesNoSeedBehind()
    {
        // Before: exit 1 while seeding the stage (cp -al: protected_hardlinks lets no one link another user's file they
        // may not write), and .model-sync-seed.m stayed beside the model.
        if (!Environment.IsPrivilegedProcess) return; // only root can give a model another user's files
        ReadOnlyModel("m", "old weights", DateTime.UtcNow.AddHours(-2));
        CliAssert.Exit(await AsUser("push", "./m", "local:"), 0);
        ReadOnlyModel("m", "new weights, longer", DateTime.UtcNow.AddHours(-1));
        foreach (var file in Directory.EnumerateFiles(Path.Join(Base, "m"), "*", SearchOption.AllDirectories)) TestProcess.RunBytes("chown", ["-h", "0:0", file]);

        var push = await AsUser("push", "./m", "local:");

        CliAssert.Exit(push, 0);
        Assert.Equal("new weights, longer", File.ReadAllText(Path.Join(Base, "m", "1", "model.onnx")));
        Assert.Equal("name: \"m\"\n", File.ReadAllText(Path.Join(Base, "m", "config.pbtxt")));
        Assert.Equal(["m"], Entries(Base));
    }

    [Fact]
    public async Task PruneRemovesThePreviousVersionAPublishLeftBesideAKeptVersion()
    {
        // Before: prune said nothing of it (or "skipped: being published" beside a version that could go) and left it.
        ReadOnlyModel(Newer, "newer weights", DateTime.UtcNow.AddHours(-1));
        CliAssert.Exit(await AsUser("push", "./" + Newer, "local:"), 0);
        var old = Path.Join(Base, ".model-sync-old." + Newer);
        Directory.CreateDirectory(Path.Join(old, "1"));
        File.WriteAllText(Path.Join(old, "1", "model.onnx"), "the version before");
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", old]);
        foreach (var directory in new[] { Path.Join(old, "1"), old }) File.SetUnixFileMode(directory, ReadOnlyDirectory);

        var dry = await AsUser("prune", "local", "--model", "asr", "--keep", "1", "--dry-run");
        var prune = await AsUser("prune", "local", "--model", "asr", "--keep", "1", "--yes");

        CliAssert.Exit(dry, 0);
        Assert.Contains("keep; would remove the previous version a publish left", dry.Stdout, StringComparison.Ordinal);
        CliAssert.Exit(prune, 0);
        Assert.Contains("keep; removed the previous version a publish left", prune.Stdout, StringComparison.Ordinal);
        Assert.Equal([Newer], Entries(Base));
    }

    /// <summary>A model in the work directory, made (or remade) read-only as a user protects what they publish.</summary>
    private void ReadOnlyModel(string name, string weights, DateTime modified)
    {
        var root = Path.Join(Work, name);
        if (Directory.Exists(root))
        {
            foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Append(root)) File.SetUnixFileMode(directory, ModeOf("755"));
            Directory.Delete(root, recursive: true);
        }
        var tree = new TreeBuilder(root).File("config.pbtxt", $"name: \"{name}\"\n").File("1/model.onnx", weights).SetAllTimes(modified);
        // The user's own, as what they publish is (and what the stage hard-links must be, under protected_hardlinks).
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", _root.Path]);
        foreach (var file in Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, ReadOnlyFile);
        foreach (var directory in Directory.EnumerateDirectories(tree.Root, "*", SearchOption.AllDirectories).Append(tree.Root))
            File.SetUnixFileMode(directory, ReadOnlyDirectory);
    }

    /// <summary>The CLI as <see cref="CliRunner"/> runs it, but as the user without root's bypass, with a home of that user's own.</summary>
    private async Task<CliResult> AsUser(params string[] args)
    {
        var config = TestConfig.Write(_root.Path, new AliasSpec("local", Base));
        var command = (string[])[.. AsUserWithoutRoot(), .. CliRunner.Launcher, .. args];
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = Home, ["DOTNET_CLI_HOME"] = Home, ["MODEL_SYNC_CONFIG"] = config, ["NO_COLOR"] = "1", ["MODEL_SYNC_INVOKED_AS"] = CliRunner.PrintedName,
            ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["XDG_CONFIG_HOME"] = null, ["XDG_CACHE_HOME"] = null, ["XDG_DATA_HOME"] = null,
            ["XDG_STATE_HOME"] = null, ["XDG_RUNTIME_DIR"] = null, ["SSH_AUTH_SOCK"] = null,
        };
        var output = await TestProcess.RunAsync(command[0], command.Skip(1), CliRunner.DefaultTimeout, Work, environment);
        return new CliResult(output.ExitCode, output.Stdout, output.Stderr);
    }

    private static string[] Entries(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal)];

    private static string[] AsUserWithoutRoot() =>
        Environment.IsPrivilegedProcess ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];

    private static UnixFileMode ModeOf(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);
}
