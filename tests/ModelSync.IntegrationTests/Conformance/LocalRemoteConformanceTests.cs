using ModelSync.Config;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

public sealed class LocalRemoteConformanceTests : RemoteConformanceTests
{
    // model_base is the temp directory itself, so the per-test root the base class removes is all there is to remove.
    private static readonly string Base = Path.GetTempPath().TrimEnd('/');
    private readonly string _root = Path.Join(Base, "ms-local-conf-" + Guid.NewGuid().ToString("N"));

    protected override string Root => _root;

    protected override IRemote Create() =>
        new LocalRemote(new ServerAlias("local", null, null, null, Base, null, []), ProcessRunner.Instance);
}
