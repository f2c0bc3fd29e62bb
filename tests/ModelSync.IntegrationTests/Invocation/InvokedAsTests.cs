using ModelSync.Cli;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Invocation;

/// <summary>The name model-sync gives itself in printed commands, from the path it was run by and PATH.</summary>
public sealed class InvokedAsTests : IDisposable
{
    private readonly string _root = TempDirectory.Create("ms-invoked");

    public void Dispose() => TempDirectory.Delete(_root);

    [Fact]
    public void NothingKnownIsModelSync() => Assert.Equal("model-sync", InvokedAs.Resolve(null, "/usr/bin"));

    [Fact]
    public void ABareNameStaysAsTyped() => Assert.Equal("ms", InvokedAs.Resolve("ms", "/usr/bin"));

    [Fact]
    public void APathStaysAsTypedWhenPathFindsNothingOrAnotherFile()
    {
        var bin = Tool("bin", "model-sync");
        var other = Tool("other", "model-sync");

        Assert.Equal("./scripts/model-sync.sh", InvokedAs.Resolve("./scripts/model-sync.sh", Path.GetDirectoryName(bin)));
        Assert.Equal(other, InvokedAs.Resolve(other, Path.GetDirectoryName(bin)));
    }

    [Fact]
    public void APathThatPathFindsFirstIsTheBareName()
    {
        var bin = Tool("bin", "model-sync");
        var link = Path.Combine(_root, "links", "model-sync");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, bin);

        Assert.Equal("model-sync", InvokedAs.Resolve(bin, "/nonexistent:" + Path.GetDirectoryName(bin)));
        Assert.Equal("model-sync", InvokedAs.Resolve(bin, Path.GetDirectoryName(link)));
        Assert.Equal(bin, InvokedAs.Resolve(bin, Path.GetDirectoryName(Tool("first", "model-sync")) + ":" + Path.GetDirectoryName(bin)));
    }

    private string Tool(string dir, string name)
    {
        var path = Path.Combine(_root, dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }
}
