using ModelSync.Remotes;

namespace ModelSync.Tests.Remotes;

public sealed class ProbeHashToolsTests
{
    [Theory]
    [InlineData("/home/u\nrsync  version 3.2.7  protocol version 31\nhash-tools: openssl sha256sum xxhsum b3sum\n", new[] { "openssl", "sha256sum", "xxhsum", "b3sum" })]
    [InlineData("/home/u\nno-rsync\nhash-tools: sha256sum\n", new[] { "sha256sum" })]
    [InlineData("/home/u\nno-rsync\nhash-tools:\n", new string[0])]
    [InlineData("/home/u\nno-rsync\nhash-tools: md5sum xxhsum\n", new[] { "xxhsum" })]
    [InlineData("/home/u\nno-rsync\n", new string[0])]
    public void TheProbeLineListsTheHashProgramsModelSyncKnows(string probe, string[] expected) =>
        Assert.Equal(expected, ShellRemote.ParseHashTools(probe.Split('\n')));
}
