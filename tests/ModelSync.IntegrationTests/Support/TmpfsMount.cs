namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// A small tmpfs mounted for one test (needs root or CAP_SYS_ADMIN). Disposing unmounts it, so the
/// fixture can still delete its root.
/// </summary>
public sealed class TmpfsMount : IAsyncDisposable
{
    private TmpfsMount(string directory) => Directory = directory;

    public string Directory { get; }

    /// <summary>Mounts a tmpfs with <paramref name="options"/> (e.g. <c>size=1m</c> or <c>ro,size=1m</c>) at <paramref name="directory"/>.</summary>
    public static async Task<TmpfsMount> MountAsync(string directory, string options)
    {
        System.IO.Directory.CreateDirectory(directory);
        var (exitCode, stdout, stderr) = await RunAsync("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory);
        if (exitCode != 0)
        {
            Assert.Fail(
                $"cannot mount a tmpfs at {directory} (`mount -t tmpfs -o {options}` exited {exitCode}: {(stdout + stderr).Trim()}). " +
                "This test needs root (or CAP_SYS_ADMIN) to create a small file system; run the integration suite as root, e.g. in the CI container.");
        }

        return new TmpfsMount(directory);
    }

    public async ValueTask DisposeAsync()
    {
        var (exitCode, _, _) = await RunAsync("umount", Directory);
        if (exitCode != 0)
        {
            // Something still holds it (e.g. a lingering remote shell): detach it lazily.
            await RunAsync("umount", "-l", Directory);
        }
    }

    private static Task<ProcessOutput> RunAsync(string fileName, params string[] args) =>
        TestProcess.RunAsync(fileName, args, TimeSpan.FromSeconds(30));
}
