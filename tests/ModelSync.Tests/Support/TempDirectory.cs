namespace ModelSync.Tests.Support;

/// <summary>A fresh directory under the system temp dir, deleted with everything below it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix) => Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: cleanup never fails a test
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
