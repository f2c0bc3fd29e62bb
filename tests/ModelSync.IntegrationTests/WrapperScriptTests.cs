using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>scripts/model-sync.sh while another process builds: it says what it waits for on stderr, and nothing on stdout.</summary>
public sealed class WrapperScriptTests : IDisposable
{
    private readonly TempDirectory _cache = new("ms-it-wrapper");

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task FirstCallWaitingForAnotherBuildSaysSoOnStderrWithTheBuildersPid()
    {
        // .NET takes an advisory flock for FileShare.None on Unix: the same lock the script's `flock 9` waits on.
        await using var held = new FileStream(Path.Combine(_cache.Path, ".lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        await File.WriteAllTextAsync(Path.Combine(_cache.Path, ".lock.pid"), "4242\n");
        using var script = TestProcess.Start("bash", [RepoFiles.PathOf("scripts/model-sync.sh"), "--version"], environment: new Dictionary<string, string?>
        {
            ["MODEL_SYNC_BUILD_DIR"] = _cache.Path,
            ["MODEL_SYNC_PRINT_BINARY"] = "1",
        });
        var stdout = script.StandardOutput.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await script.StandardError.ReadLineAsync(timeout.Token);

            Assert.Equal("model-sync: waiting for another build of model-sync to finish (pid 4242)...", line);
            Assert.False(script.HasExited, "the script went on while the lock was held");
        }
        finally
        {
            script.Kill(entireProcessTree: true);
            await script.WaitForExitAsync();
        }
        Assert.Equal("", await stdout);
    }
}
