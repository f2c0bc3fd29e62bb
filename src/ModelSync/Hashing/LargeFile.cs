namespace ModelSync.Hashing;

/// <summary>
/// A file big enough to be hashed on its own: in a hashing process of its own, by a follower while rsync writes it,
/// or by a second thread while the kernel copies it. Smaller files cost less hashed together in batches, after the copy.
/// </summary>
public static class LargeFile
{
    public const long MinimumSize = 32L * 1024 * 1024;

    public static bool Is(long size) => size >= MinimumSize;
}
