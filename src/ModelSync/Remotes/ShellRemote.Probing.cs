namespace ModelSync.Remotes;

/// <summary>Round trips, the mount proof's marker and <c>doctor</c>'s questions.</summary>
public abstract partial class ShellRemote
{
    public async Task PingAsync(CancellationToken cancellationToken) => await RunCheckedAsync("true", [], "run a command", cancellationToken);

    public async Task<string?> WriteMarkerAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        var written = await RunScriptAsync(CopyScripts.WriteMarker, [ModelBase, name], cancellationToken, content);
        return written.ExitCode == 0 ? null : SshFailure.LastLine(written.Stderr);
    }

    public async Task RemoveMarkerAsync(string name, CancellationToken cancellationToken) =>
        await RunScriptAsync(RemoteScripts.Remove, [Paths.PosixPath.Combine(ModelBase, name)], cancellationToken);

    public async Task<PlaceAnswer<RemoteInspection>> InspectAsync(CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync(DoctorScripts.Inspect, [], cancellationToken);
        return result.ExitCode == 0 ? new(RemoteInspection.Parse(result.StdoutText), 0, "") : new(null, result.ExitCode, SshFailure.LastLine(result.Stderr));
    }

    public async Task<PlaceAnswer<ModelBaseProbe>> CheckModelBaseAsync(string path, CancellationToken cancellationToken)
    {
        var result = await RunScriptAsync(DoctorScripts.ModelBase, [path], cancellationToken);
        return result.ExitCode == 0 ? new(ModelBaseProbe.Parse(result.StdoutText), 0, "") : new(null, result.ExitCode, SshFailure.LastLine(result.Stderr));
    }
}
