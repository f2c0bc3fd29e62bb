using System.Diagnostics;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Remotes;

namespace ModelSync.Operations;

public sealed record ServerCheck(bool Reachable, double? LatencyMs, string? RsyncVersion, long? FreeBytes, string? Error);

public sealed record ServerRow(ServerAlias Alias, ServerCheck? Check);

/// <summary>The configured aliases and, with <c>--check</c>, whether each answers.</summary>
public static class ServersOperation
{
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    /// <param name="only">The aliases to show (as named, in that order); null: every one, servers first.</param>
    public static async Task<IReadOnlyList<ServerRow>> RunAsync(ModelSyncConfig config, Processes.IProcessRunner runner, bool check, CancellationToken cancellationToken,
        IReadOnlyList<string>? only = null)
    {
        var aliases = only is not null ? only.Select(config.Alias).ToList()
            : config.Servers.Values.OrderBy(a => a.IsLocal).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
        if (!check) return aliases.Select(a => new ServerRow(a, null)).ToList();
        var checks = await Task.WhenAll(aliases.Select(a => CheckAsync(a, runner, cancellationToken)));
        return aliases.Zip(checks, (a, c) => new ServerRow(a, c)).ToList();
    }

    private static async Task<ServerCheck> CheckAsync(ServerAlias alias, Processes.IProcessRunner runner, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        await using var remote = RemoteFactory.Create(alias, runner);
        try
        {
            var probe = await remote.ConnectAsync(timeout.Token);
            var clock = Stopwatch.StartNew();
            await remote.PingAsync(timeout.Token);
            var latency = clock.Elapsed.TotalMilliseconds;
            var free = await remote.FreeBytesAsync(remote.ModelBase, timeout.Token);
            // A local alias copies with the kernel: rsync is only a server's requirement.
            var missing = probe.RsyncVersion is null && !alias.IsLocal;
            return new ServerCheck(true, Math.Round(latency, 1), probe.RsyncVersion, free, missing ? "rsync is not installed there" : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServerCheck(false, null, null, null, $"no answer within {CheckTimeout.TotalSeconds:0} s");
        }
        catch (ModelSyncException e)
        {
            return new ServerCheck(false, null, null, null, e.Message + (e.Fix is null ? "" : " — " + e.Fix));
        }
    }
}
