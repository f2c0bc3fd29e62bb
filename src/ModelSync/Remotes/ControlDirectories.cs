namespace ModelSync.Remotes;

/// <summary>
/// The private temp directories that hold each command's ssh ControlMaster socket. A model-sync killed outright
/// (kill -9, the OOM killer) cannot remove its own; its master ends a minute later (ControlPersist) and takes the
/// socket with it, leaving an empty directory behind. Each new directory sweeps those away first.
/// </summary>
public static class ControlDirectories
{
    // Short: the socket path inside must fit a Unix socket name (108 bytes) with ssh's own temporary suffix added.
    public const string Prefix = "ms-ssh-";

    /// <summary>Long past any ControlPersist, and past the moment between making a directory and starting its master.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    public static DirectoryInfo Create()
    {
        Sweep(Path.GetTempPath(), DateTime.UtcNow);
        return Directory.CreateTempSubdirectory(Prefix);
    }

    /// <summary>
    /// Removes the empty <see cref="Prefix"/> directories under <paramref name="parent"/> untouched for
    /// <see cref="StaleAfter"/>; returns how many. A directory with a live socket in it is never touched: the delete is
    /// not recursive, so it refuses anything that is not empty, and the sticky temp directory refuses other users'.
    /// </summary>
    public static int Sweep(string parent, DateTime nowUtc)
    {
        var removed = 0;
        try
        {
            foreach (var directory in new DirectoryInfo(parent).EnumerateDirectories(Prefix + "*"))
            {
                if (nowUtc - directory.LastWriteTimeUtc < StaleAfter) continue;
                try
                {
                    directory.Delete(recursive: false);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // In use (not empty), someone else's, or gone already: not ours to clean.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable temp directory only means nothing gets swept.
        }
        return removed;
    }
}
