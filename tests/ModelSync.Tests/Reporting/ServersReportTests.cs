using ModelSync.Remotes;

namespace ModelSync.Tests.Reporting;

public sealed class ServersReportTests
{
    [Theory]
    [InlineData("rsync  version 3.2.7  protocol version 31", "3.2.7")]
    [InlineData("rsync  version 3.5.0  protocol version 32", "3.5.0")]
    [InlineData("rsync version 3.1.3 protocol version 31", "3.1.3")]
    [InlineData("rsync  version v3.2.3  protocol version 31", "v3.2.3")]
    [InlineData("something else entirely", "something else entirely")]
    [InlineData("rsync version", "rsync version")]
    [InlineData("", "")]
    public void RsyncVersionNumberIsTheWordAfterVersion(string line, string expected) =>
        Assert.Equal(expected, RsyncVersion.Number(line));
}
