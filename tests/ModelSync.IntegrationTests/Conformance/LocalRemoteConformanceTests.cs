using ModelSync.Config;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

public sealed class LocalRemoteConformanceTests : RemoteConformanceTests
{
    private readonly string _base = Directory.CreateTempSubdirectory("ms-local-conf-").FullName;

    protected override string Root => Path.Join(_base, "root");

    protected override IRemote Create() =>
        new LocalRemote(new ServerAlias("local", null, null, null, _base, null, []), ProcessRunner.Instance);
}
