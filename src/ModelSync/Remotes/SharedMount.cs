using System.Security.Cryptography;

namespace ModelSync.Remotes;

/// <summary>Which candidate proved to be the server's <c>model_base</c>, or why none did.</summary>
public sealed record MountProof(string? LocalPath, string Reason);

/// <summary>
/// Proves that a directory on this machine is a server's <c>model_base</c> — never a guess from a path name: a
/// marker file with random content is written there through ssh, read back here, and removed.
/// </summary>
public static class SharedMount
{
    public static async Task<MountProof> ProveAsync(IRemote server, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return new MountProof(null, "no mount of it found here");
        var name = $"{ModelSync.Paths.StageNames.Prefix}probe.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";
        var content = RandomNumberGenerator.GetBytes(32);
        if (await server.WriteMarkerAsync(name, content, cancellationToken) is { } failure)
            return new MountProof(null, $"cannot write a marker into {server.ModelBase} there: {failure}");
        try
        {
            var proven = candidates.FirstOrDefault(c => Reads(Path.Join(c, name), content));
            return proven is not null
                ? new MountProof(proven, "proven")
                : new MountProof(null, $"a marker written to {server.Alias.Name}:{server.ModelBase} does not appear in {string.Join(" or ", candidates)}");
        }
        finally
        {
            await server.RemoveMarkerAsync(name, CancellationToken.None);
        }
    }

    private static bool Reads(string path, byte[] expected)
    {
        try
        {
            return File.ReadAllBytes(path).AsSpan().SequenceEqual(expected);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
