using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Fleet;

/// <summary>What one server's <c>exec</c> printed and exited with.</summary>
public sealed record ExecOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// <c>list</c>, <c>diff</c> and <c>exec</c> over several servers: the single-server operation once per server,
/// <c>parallel</c> at a time, each server's failure its own.
/// </summary>
public static class FleetQueries
{
    public static Task<IReadOnlyList<TargetOutcome<ListResult>>> ListAsync(RemoteSession session, IReadOnlyList<RemoteSpec> targets, ListQuery query,
        int parallel, CancellationToken cancellationToken) =>
        FleetRunner.RunAsync(targets, parallel,
            (target, token) => ListOperation.RunAsync(session, target.Alias, query, token, requireLatest: false), null, null, cancellationToken);

    public static async Task<IReadOnlyList<TargetOutcome<DiffResult>>> DiffAsync(RemoteSession session, string localPath, IReadOnlyList<RemoteSpec> targets,
        bool checksum, HashFunction hash, bool outsideBase, int parallel, CancellationToken cancellationToken)
    {
        EndpointResolver.LocalSource(localPath);
        return await FleetRunner.RunAsync(targets, parallel,
            (target, token) => DiffOperation.RunAsync(session, localPath, target.ToString(), checksum, outsideBase, hash, token), null, null, cancellationToken);
    }

    /// <summary>
    /// <c>verify</c> on each server: against <paramref name="localPath"/>, or with none against each copy's own manifest.
    /// A copy with problems is that server's failure (exit 3), its repair the fix.
    /// </summary>
    public static async Task<IReadOnlyList<TargetOutcome<VerifyResult>>> VerifyAsync(RemoteSession session, string? localPath, IReadOnlyList<RemoteSpec> targets,
        bool trustHashes, HashFunction hash, bool outsideBase, int parallel, CancellationToken cancellationToken)
    {
        if (localPath is not null) EndpointResolver.LocalSource(localPath);
        else if (targets.FirstOrDefault(t => t.Path is null) is { } bare) throw ResolveErrors.NoModelToVerifyOnEach(bare);
        return await FleetRunner.RunAsync(targets, parallel,
            (target, token) => localPath is null
                ? VerifyOperation.AgainstManifestAsync(session, target.ToString(), outsideBase, token)
                : VerifyOperation.CompareAsync(session, localPath, target.ToString(), trustHashes, outsideBase, hash, token),
            result => result.Ok ? null : new TargetFailure(ExitCodes.VerificationFailed, $"{Human.Count(result.Findings.Count, "problem")} in {result.Remote}", result.Repair?.Command),
            null, cancellationToken);
    }

    /// <summary>A command that exits non-zero on a server is that server's failure; its output is kept all the same.</summary>
    public static Task<IReadOnlyList<TargetOutcome<ExecOutput>>> ExecAsync(RemoteSession session, IReadOnlyList<RemoteSpec> targets, string command,
        int parallel, CancellationToken cancellationToken) =>
        FleetRunner.RunAsync(targets, parallel, async (target, token) =>
            {
                var remote = await session.ConnectAsync(target.Alias, requireRsync: false, token);
                ProcessResult result = await remote.ExecCaptureAsync(command, token);
                return new ExecOutput(result.ExitCode, result.StdoutText, result.Stderr);
            },
            output => output.ExitCode == 0 ? null : new TargetFailure(ExitCodes.Failed, $"the command exited with {output.ExitCode}", null),
            null, cancellationToken);
}
