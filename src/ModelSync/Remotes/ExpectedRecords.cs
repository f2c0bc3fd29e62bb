using System.Buffers;
using System.Globalization;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>
/// The NUL-terminated records <see cref="RemoteScripts.PrepareTarget"/> and <see cref="RemoteScripts.FinishStage"/>
/// compare with what they find, rendered byte for byte as their <c>find -fprintf</c> and the hash tools print them.
/// A name whose record could be read two ways (a newline in a link's name or text) can at worst make two different
/// trees look alike to the script; the caller still plans against the listing it gets back, so that costs a step, never a wrong result.
/// </summary>
internal static class ExpectedRecords
{
    /// <summary>
    /// Every entry of <paramref name="source"/> and its root: <c>d PATH</c>, <c>f SIZE SECONDS MODE PATH</c>, <c>l PATH\nTEXT</c>.
    /// A file whose mode is not known has <c>-</c> there, which no file on a server matches.
    /// </summary>
    public static byte[] Listing(TreeListing source)
    {
        var buffer = new ArrayBufferWriter<byte>();
        if (source.RootKind == EntryKind.Directory) Text(buffer, "d \0");
        foreach (var entry in source.Entries)
        {
            switch (entry.Kind)
            {
                case EntryKind.Directory:
                    Text(buffer, "d ");
                    break;
                case EntryKind.File:
                    Text(buffer, $"f {Number(entry.Size)} {Number(entry.ModifiedUnixSeconds)} {(entry.Mode is { } mode ? FileModes.Format(mode) : "-")} ");
                    break;
                default:
                    Text(buffer, "l ");
                    PathBytes.Append(buffer, entry.Path);
                    Text(buffer, "\n");
                    PathBytes.Append(buffer, entry.LinkTarget ?? "");
                    Text(buffer, "\0");
                    continue;
            }
            PathBytes.Append(buffer, entry.Path);
            Text(buffer, "\0");
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// What the stage must hold: every file of <paramref name="source"/> as <c>f SIZE PATH</c>, every link as
    /// <c>l PATH\nTEXT</c>, and each of <paramref name="known"/> as <c>v SIZE MTIME PATH</c> or <c>i SIZE INODE PATH</c>.
    /// </summary>
    public static byte[] Stage(TreeListing source, IEnumerable<KnownStageFile> known)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteStage(buffer, source, known);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>As <see cref="Stage"/>, into <paramref name="buffer"/>.</summary>
    public static void WriteStage(IBufferWriter<byte> buffer, TreeListing source, IEnumerable<KnownStageFile> known)
    {
        foreach (var entry in source.Entries.Where(e => e.Kind != EntryKind.Directory))
        {
            if (entry.Kind == EntryKind.File)
            {
                buffer.Write("f "u8);
                Number(buffer, entry.Size);
                buffer.Write(" "u8);
                PathBytes.Append(buffer, entry.Path);
                buffer.Write("\0"u8);
            }
            else
            {
                Text(buffer, "l ");
                PathBytes.Append(buffer, entry.Path);
                Text(buffer, "\n");
                PathBytes.Append(buffer, entry.LinkTarget ?? "");
                Text(buffer, "\0");
            }
        }
        foreach (var file in known)
        {
            Record(buffer, file.ModifiedExact is { } exact ? $"v {Number(file.Size)} {exact} " : $"i {Number(file.Size)} {Number(file.Inode)} ",
                file.Path);
        }
    }

    /// <summary>
    /// The records <paramref name="tool"/> prints for <paramref name="hashes"/> (name → hash, names as given to it, <c>./</c>
    /// first): <c>HASH *./name</c> from openssl, <c>HASH  ./name</c> from the others and for names hashed one run each.
    /// </summary>
    public static byte[] Hashes(string tool, IEnumerable<KeyValuePair<string, string>> hashes, bool oneRunEach)
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteHashes(buffer, tool, hashes, oneRunEach);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>As <see cref="Hashes"/>, into <paramref name="buffer"/>.</summary>
    public static void WriteHashes(IBufferWriter<byte> buffer, string tool, IEnumerable<KeyValuePair<string, string>> hashes, bool oneRunEach)
    {
        var separator = tool == "openssl" && !oneRunEach ? " *./"u8 : "  ./"u8;
        foreach (var (name, hash) in hashes)
        {
            System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, hash, buffer);
            buffer.Write(separator);
            PathBytes.Append(buffer, name);
            buffer.Write("\0"u8);
        }
    }

    private static void Number(IBufferWriter<byte> buffer, long value)
    {
        var span = buffer.GetSpan(20);
        value.TryFormat(span, out var written, provider: CultureInfo.InvariantCulture);
        buffer.Advance(written);
    }

    private static void Record(IBufferWriter<byte> buffer, string head, string path)
    {
        Text(buffer, head);
        PathBytes.Append(buffer, path);
        Text(buffer, "\0");
    }

    private static void Text(IBufferWriter<byte> buffer, string text) => buffer.Write(System.Text.Encoding.UTF8.GetBytes(text));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
