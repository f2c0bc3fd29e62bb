using System.Globalization;
using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Publishing;

/// <summary>
/// One push or pull per target at a time: an atomic <c>mkdir</c> next to the target, recording who holds it.
/// A held lock fails the command at once naming the holder, or after <see cref="LockPolicy.Wait"/>; a lock
/// whose process is gone from this machine (see <see cref="IsStale"/>), or older than <see cref="LockPolicy.StaleAfter"/>,
/// is broken with a warning.
/// </summary>
public sealed class TargetLock : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly IRemote _remote;
    private readonly string _target;
    private readonly string _token;
    private bool _released;

    /// <summary>Someone else held the lock when this one first asked: the target may have changed meanwhile.</summary>
    public bool FoundHeld { get; private init; }

    private TargetLock(IRemote remote, string target, string token)
    {
        _remote = remote;
        _target = target;
        _token = token;
    }

    public static async Task<TargetLock> AcquireAsync(IRemote remote, string target, string command, LockPolicy policy, Action<string> warn, CancellationToken cancellationToken) =>
        await TryAcquireAsync(remote, target, command, policy, warn, cancellationToken) switch
        {
            (TargetLock taken, _) => taken,
            (_, var holder) => throw new ModelSyncException($"{target} on {remote.Alias.Name} is locked by {holder!.Describe()}", ExitCodes.Failed,
                $"wait for it to finish, or pass --lock-timeout SECONDS to wait; if that process is gone, remove {StageNames.Lock(target)}"),
        };

    /// <summary>As <see cref="AcquireAsync"/>, but a lock still held after the wait is answered with its holder instead of an error.</summary>
    public static async Task<(TargetLock? Lock, LockHolder? HeldBy)> TryAcquireAsync(IRemote remote, string target, string command, LockPolicy policy, Action<string> warn,
        CancellationToken cancellationToken)
    {
        var me = NewHolder(command);
        var deadline = DateTimeOffset.UtcNow + policy.Wait;
        var attempts = 0;
        while (true)
        {
            if (await remote.TryTakeLockAsync(target, me, cancellationToken) is not LockAttempt.Held (var holder, var age))
                return (new TargetLock(remote, target, me.Token) { FoundHeld = attempts > 0 }, null);
            attempts++;
            if (IsStale(holder, age, policy))
            {
                warn($"breaking a stale lock on {target}: {holder.Describe()}");
                await remote.BreakLockAsync(target, cancellationToken);
                continue;
            }
            if (DateTimeOffset.UtcNow >= deadline) return (null, holder);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>This process, about to run <paramref name="command"/>, as the holder a lock records; a fresh token each time.</summary>
    public static LockHolder NewHolder(string command) => new(Environment.MachineName, Environment.ProcessId,
        DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture), command.ReplaceLineEndings(" "),
        Guid.NewGuid().ToString("N"), MachineIdentity.Current);

    /// <summary>The lock <paramref name="holder"/> took on <paramref name="target"/> in a call of its own (<see cref="IRemote.StartTargetAsync"/>).</summary>
    public static TargetLock Adopt(IRemote remote, string target, LockHolder holder) => new(remote, target, holder.Token);

    /// <summary>This lock's token, for a call that releases it as its last step.</summary>
    public string Token => _token;

    /// <summary>A call released the lock as its last step: disposing has nothing left to do.</summary>
    public void Released() => _released = true;

    /// <summary>
    /// Simply too old, or its process gone from this machine. A pid is only judged when host name and machine identity
    /// both match ours: a clone or container with our hostname has pids of its own. A lock without an identity (written
    /// by an older version, or on a machine without a machine id) is conservatively never judged by its pid: breaking
    /// a live lock lets two pushes write one stage, while keeping a dead one costs the wait for its age, or removing it
    /// by hand as the error says.
    /// </summary>
    public static bool IsStale(LockHolder holder, TimeSpan age, LockPolicy policy) =>
        age > policy.StaleAfter
        || (holder.Host == Environment.MachineName && MachineIdentity.Current is { } here && holder.Machine == here && holder.Pid > 0 && !IsAlive(holder.Pid));

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_released) return;
        _released = true;
        // Released even when the command was cancelled: a short, separate budget of its own.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _remote.ReleaseLockAsync(_target, _token, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The server is unreachable; the lock will be found stale by the next run on this machine.
        }
    }
}
