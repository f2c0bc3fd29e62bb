using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ModelSync.Paths;

/// <summary>
/// A Linux file name is a byte string that need not be UTF-8. model-sync keeps names as .NET strings decoded
/// losslessly, as Python's <c>surrogateescape</c> does: UTF-8 where the bytes are UTF-8, and each byte that is not
/// part of a valid sequence (0x80–0xFF) as the lone surrogate U+DC80–U+DCFF, which valid UTF-8 can never produce.
/// <see cref="Encode"/> turns such a string back into exactly the bytes it came from. Every place a name crosses
/// into or out of this process (a listing, a hash tool's output, a list on a child's stdin, the manifest, the hash
/// cache) goes through here; nothing decodes a name with replacement characters.
/// </summary>
public static class PathBytes
{
    private const char FirstEscape = '\uDC80';
    private const char LastEscape = '\uDCFF';
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The name <paramref name="bytes"/> spell, each byte that is not valid UTF-8 kept as U+DC80 + (byte − 0x80).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var chars = new char[bytes.Length]; // UTF-16 never needs more units than UTF-8 has bytes, nor does an escape
        var written = 0;
        while (!bytes.IsEmpty)
        {
            var status = Utf8.ToUtf16(bytes, chars.AsSpan(written), out var read, out var wrote, replaceInvalidSequences: false);
            written += wrote;
            bytes = bytes[read..];
            if (status == OperationStatus.Done) break;
            chars[written++] = (char)(0xDC00 + bytes[0]); // bytes[0] starts an invalid sequence, so it is 0x80 or above
            bytes = bytes[1..];
        }
        return new string(chars, 0, written);
    }

    /// <summary>
    /// The bytes of a name from <see cref="Decode"/>. Any other lone surrogate has no byte form: that is a bug, not
    /// input, since every name comes from <see cref="Decode"/> or from text that .NET already made valid.
    /// </summary>
    public static byte[] Encode(string name)
    {
        if (!HasEscapes(name)) return Strict.GetBytes(name);
        var buffer = new ArrayBufferWriter<byte>(name.Length + 8);
        Append(buffer, name);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the bytes of <paramref name="name"/> to <paramref name="buffer"/>.</summary>
    public static void Append(IBufferWriter<byte> buffer, string name)
    {
        var run = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }
            if (name[i] is < FirstEscape or > LastEscape) continue;
            Strict.GetBytes(name.AsSpan(run, i - run), buffer);
            buffer.Write([(byte)(name[i] - 0xDC00)]);
            run = i + 1;
        }
        Strict.GetBytes(name.AsSpan(run), buffer);
    }

    /// <summary>
    /// The names as a child's stdin reads them: each <paramref name="prefix"/>, the name's bytes, then NUL (rsync
    /// <c>--from0</c>, <c>xargs -0</c>, <c>tar --null</c>), so no name is ever an argument or split.
    /// </summary>
    public static byte[] NulTerminated(IEnumerable<string> names, string prefix = "")
    {
        var buffer = new ArrayBufferWriter<byte>();
        WriteNulTerminated(buffer, names, prefix);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>As <see cref="NulTerminated"/>, into <paramref name="buffer"/>.</summary>
    public static void WriteNulTerminated(IBufferWriter<byte> buffer, IEnumerable<string> names, string prefix = "")
    {
        var start = Encoding.UTF8.GetBytes(prefix);
        foreach (var name in names)
        {
            buffer.Write(start);
            Append(buffer, name);
            buffer.Write("\0"u8);
        }
    }

    /// <summary>The NUL-terminated fields of <paramref name="bytes"/>, each decoded by <see cref="Decode"/>; what follows the last NUL is the last field.</summary>
    public static string[] SplitNul(ReadOnlySpan<byte> bytes)
    {
        var fields = new List<string>();
        for (var end = bytes.IndexOf((byte)0); end >= 0; end = bytes.IndexOf((byte)0))
        {
            fields.Add(Decode(bytes[..end]));
            bytes = bytes[(end + 1)..];
        }
        fields.Add(Decode(bytes));
        return [.. fields];
    }

    /// <summary>True when <paramref name="name"/> holds a byte that is not UTF-8 (an escape from <see cref="Decode"/>).</summary>
    public static bool HasEscapes(string name)
    {
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) i++;
            else if (name[i] is >= FirstEscape and <= LastEscape) return true;
        }
        return false;
    }

    /// <summary>The byte an escape char stands for, or null when <paramref name="c"/> is not one (a lone escape, see <see cref="HasEscapes"/>).</summary>
    public static byte? EscapedByte(char c) => c is >= FirstEscape and <= LastEscape ? (byte)(c - 0xDC00) : null;
}
