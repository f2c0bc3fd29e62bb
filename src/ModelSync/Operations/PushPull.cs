using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Transfer;

namespace ModelSync.Operations;

/// <summary>Resolves <c>push</c> and <c>pull</c> arguments to endpoints and runs the transfer.</summary>
public static class PushPull
{
    public static async Task<TransferResult> PushAsync(RemoteSession session, string localPath, string remote, bool outsideBase, TransferOptions options, ITransferProgress progress, Action<Endpoint, Endpoint> onResolved, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        var source = LocalSource(localPath);
        var server = await session.ConnectAsync(spec.Alias, requireRsync: true, cancellationToken);
        var targetPath = ModelBasePaths.Resolve(server.ModelBase, spec.Path, PosixPath.Name(source), outsideBase);
        var from = new Endpoint(await session.ThisMachineAsync(cancellationToken), source, localPath);
        var to = new Endpoint(server, targetPath, $"{spec.Alias}:{targetPath}");
        onResolved(from, to);
        return await new TransferOperation(new RsyncRunner(session.Runner), progress).RunAsync("push", from, to, options, cancellationToken);
    }

    public static async Task<TransferResult> PullAsync(RemoteSession session, string remote, string localPath, bool outsideBase, TransferOptions options, ITransferProgress progress, Action<Endpoint, Endpoint> onResolved, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        if (spec.Path is null)
            throw ModelSyncException.Usage($"'{remote}' names no model", $"write it as {spec.Alias}:<model>, e.g. {spec.Alias}:my_model (see `model-sync list {spec.Alias}`)");
        var server = await session.ConnectAsync(spec.Alias, requireRsync: true, cancellationToken);
        var sourcePath = ModelBasePaths.Resolve(server.ModelBase, spec.Path, null, outsideBase);
        var targetPath = ModelBasePaths.LocalPullTarget(localPath, PosixPath.Name(sourcePath), Directory.Exists(localPath));
        var from = new Endpoint(server, sourcePath, $"{spec.Alias}:{sourcePath}");
        var to = new Endpoint(await session.ThisMachineAsync(cancellationToken), targetPath, targetPath);
        onResolved(from, to);
        return await new TransferOperation(new RsyncRunner(session.Runner), progress).RunAsync("pull", from, to, options, cancellationToken);
    }

    /// <summary>The absolute local source, which must exist.</summary>
    public static string LocalSource(string localPath)
    {
        var full = Path.GetFullPath(localPath).TrimEnd('/');
        if (full.Length == 0) full = "/";
        if (!File.Exists(full) && !Directory.Exists(full) && !IsSymlink(full))
            throw ModelSyncException.Usage($"local path not found: {localPath}", "check the path; run from the directory that holds the model");
        return full;
    }

    private static bool IsSymlink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
