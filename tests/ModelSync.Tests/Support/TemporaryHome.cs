namespace ModelSync.Tests.Support;

/// <summary>Tests that read or change the process-wide HOME variable; they must not run beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HomeEnvironment
{
    public const string Name = "HOME environment variable";
}

/// <summary>Points HOME at a fresh empty directory, and puts the old value back on dispose.</summary>
public sealed class TemporaryHome : IDisposable
{
    private readonly string? _previous = Environment.GetEnvironmentVariable("HOME");
    private readonly TempDirectory _directory = new("ms-home");

    public TemporaryHome() => Environment.SetEnvironmentVariable("HOME", Path);

    public string Path => _directory.Path;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("HOME", _previous);
        _directory.Dispose();
    }
}
