using ModelSync.Config;
using ModelSync.Processes;

namespace ModelSync.Remotes;

public static class RemoteFactory
{
    public static IRemote Create(ServerAlias alias, IProcessRunner runner) =>
        alias.IsLocal ? new LocalRemote(alias, runner) : new SshRemote(alias, runner);
}
