namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// A fresh directory under the system temp dir, deleted on dispose. Its name is short (prefix and 8 hex digits):
/// ssh control sockets live below some of them, and a socket path has a length limit.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix) => Path = Create(prefix);

    public string Path { get; }

    /// <summary>Makes a fresh directory for an owner that outlives a <c>using</c> (a fixture); remove it with <see cref="Delete"/>.</summary>
    public static string Create(string prefix)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes <paramref name="path"/> and everything below it, as far as it can: cleanup never fails a test.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }

    public void Dispose() => Delete(Path);
}
