using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;
using ModelSync.Hashing;

namespace ModelSync.Transfer;

/// <summary>
/// One big file copied by the kernel (<c>copy_file_range</c>, no bytes through this process) a chunk at a time,
/// while another thread reads each finished chunk back from the copy and hashes it: the hash of a large file is
/// ready almost as soon as its last byte is written, instead of after a second pass. The hash is of the copy's
/// bytes as stored, read back after each write completed, never of the bytes read from the source. Only for a
/// <see cref="LargeFile"/>: smaller files are copied whole and then read back, as a second thread costs them more than it saves.
/// </summary>
internal static partial class KernelCopy
{
    private const long Chunk = 16L * 1024 * 1024;
    private const int ReadBuffer = 1 << 20;

    /// <summary>
    /// Copies <paramref name="source"/> to the new file <paramref name="destination"/>; returns its hash, or null when
    /// the kernel cannot copy between these two (another file system on an old kernel), having written nothing.
    /// </summary>
    public static string? CopyAndHash(string source, string destination, HashFunction function, CancellationToken cancellationToken)
    {
        using var input = File.OpenHandle(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var output = File.OpenHandle(destination, FileMode.CreateNew, FileAccess.Write, FileShare.ReadWrite);
        var chunks = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var hashing = Task.Factory.StartNew(() => HashBehind(destination, chunks.Reader, function, stop.Token), stop.Token,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var copied = 0L;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Null offsets: each descriptor's own position, which nothing else here moves.
                var n = CopyFileRange(Descriptor(input), 0, Descriptor(output), 0, (nuint)Chunk, 0);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (copied == 0 && errno is Unsupported or CrossDevice or Invalid) return Abandon(chunks, stop, hashing);
                    throw new IOException($"copy_file_range failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                }
                if (n == 0) break;
                copied += n;
                chunks.Writer.TryWrite(copied);
            }
            chunks.Writer.Complete();
            return hashing.GetAwaiter().GetResult();
        }
        catch
        {
            Abandon(chunks, stop, hashing);
            throw;
        }
    }

    private static string HashBehind(string path, ChannelReader<long> chunks, HashFunction function, CancellationToken cancellationToken)
    {
        using var reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var hash = LocalFileHash.Create(function);
        var buffer = new byte[ReadBuffer];
        var hashed = 0L;
        while (chunks.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
        {
            while (chunks.TryRead(out var end))
            {
                while (hashed < end)
                {
                    var read = RandomAccess.Read(reader, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - hashed)), hashed);
                    if (read == 0) throw new IOException("the copy is shorter than what was written to it");
                    hash.Append(buffer.AsSpan(0, read));
                    hashed += read;
                }
            }
        }
        return hash.Finish();
    }

    private static string? Abandon(Channel<long> chunks, CancellationTokenSource stop, Task<string> hashing)
    {
        chunks.Writer.TryComplete();
        stop.Cancel();
        try
        {
            hashing.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The copy failed or was abandoned: its hash means nothing.
        }
        return null;
    }

    private static int Descriptor(SafeFileHandle handle) => (int)handle.DangerousGetHandle();

    private const int Unsupported = 38; // ENOSYS
    private const int CrossDevice = 18; // EXDEV
    private const int Invalid = 22; // EINVAL

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(int inputFd, nint inputOffset, int outputFd, nint outputOffset, nuint length, uint flags);
}
