using System.Buffers;
using System.Security.Cryptography;

namespace ModelSync.Verification;

/// <summary>
/// Hashes a file on this machine inside this process, with no tool to start: sha256 through .NET, which calls the
/// same OpenSSL (SHA-NI where the CPU has it) as <c>openssl dgst -sha256</c>, so the lower-case hex is the very
/// value the tools print and manifests and caches stay interchangeable. Other functions are left to their tools.
/// </summary>
public static class LocalFileHash
{
    private const int BufferSize = 1 << 20;

    public static bool Supports(HashFunction function) => function == HashFunction.Sha256;

    /// <summary>An empty hash of <paramref name="function"/>, for a caller that feeds it bytes as they come.</summary>
    public static IncrementalHash Create(HashFunction function) => Supports(function)
        ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256)
        : throw new ArgumentException($"{function.Name} is not hashed in-process", nameof(function));

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
                hash.AppendData(buffer, 0, read);
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
