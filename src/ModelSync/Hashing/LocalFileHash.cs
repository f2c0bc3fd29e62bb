using System.Buffers;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace ModelSync.Hashing;

/// <summary>
/// Hashes files on this machine inside this process, with no tool to start. sha256 goes through .NET, which calls the
/// same OpenSSL (SHA-NI where the CPU has it) as <c>openssl dgst -sha256</c>; xxh128 through System.IO.Hashing, whose
/// big-endian digest is the canonical form <c>xxhsum -H2</c> prints. Either way the lower-case hex is the tools' very
/// value, so manifests and caches stay interchangeable. blake3 is left to b3sum.
/// </summary>
public sealed class LocalFileHash : IDisposable
{
    private const int BufferSize = 1 << 20;
    private readonly IncrementalHash? _sha256;
    private readonly XxHash128? _xxh128;

    private LocalFileHash(HashFunction function)
    {
        if (function == HashFunction.Sha256) _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        else if (function == HashFunction.Xxh128) _xxh128 = new XxHash128();
        else throw new ArgumentException($"{function.Name} is not hashed in-process", nameof(function));
    }

    public static bool Supports(HashFunction function) => function == HashFunction.Sha256 || function == HashFunction.Xxh128;

    /// <summary>An empty hash, for a caller that feeds it bytes as they come.</summary>
    public static LocalFileHash Create(HashFunction function) => new(function);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_sha256 is not null) _sha256.AppendData(data);
        else _xxh128!.Append(data);
    }

    /// <summary>The digest as the tools print it: lower-case hex.</summary>
    public string Finish() => Convert.ToHexStringLower(_sha256 is not null ? _sha256.GetHashAndReset() : _xxh128!.GetHashAndReset());

    public static string Compute(string path, HashFunction function, CancellationToken cancellationToken)
    {
        using var hash = Create(function);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                hash.Append(buffer.AsSpan(0, read));
            }
            return hash.Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Dispose() => _sha256?.Dispose();
}
