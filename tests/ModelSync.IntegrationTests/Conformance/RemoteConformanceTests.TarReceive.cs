using ModelSync.Manifests;
using ModelSync.Processes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>Whole files as a tar stream into a directory stage, whose directories the receiver makes before unpacking.</summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task ATarReceiveMakesItsDirectoriesOfAnyNameBeforeTheStreamAndUnpacksAfterThem()
    {
        var source = Path.Join(Root, "source");
        Directory.CreateDirectory(Path.Join(source, "it's $(x)\ndir", "deep"));
        File.WriteAllText(Path.Join(source, "it's $(x)\ndir", "deep", "a -- b.json"), "{}");
        File.WriteAllText(Path.Join(source, "top.txt"), "top");
        var stage = Path.Join(Root, "stage");
        string[] files = ["it's $(x)\ndir/deep/a -- b.json", "top.txt"];
        // One directory no file of this stream needs: only the list ahead of the stream can have made it.
        string[] directories = ["it's $(x)\ndir", "it's $(x)\ndir/deep", "other\\stream/only"];

        var result = await ProcessPipe.RunAsync(ProcessRunner.Instance, Remote.TarSendProcess(source, EntryKind.Directory, files),
            Remote.TarReceiveProcess(stage, EntryKind.Directory, "source", directories), null, null, CancellationToken.None);

        Assert.Equal((0, 0), (result.Producer.ExitCode, result.Consumer.ExitCode));
        Assert.Equal("{}", File.ReadAllText(Path.Join(stage, "it's $(x)\ndir", "deep", "a -- b.json")));
        Assert.Equal("top", File.ReadAllText(Path.Join(stage, "top.txt")));
        Assert.True(Directory.Exists(Path.Join(stage, "other\\stream", "only")));
    }
}
