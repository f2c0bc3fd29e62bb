using System.Text;

namespace ModelSync.Text;

/// <summary>
/// The Markdown report's writer: whatever a report prints passes <see cref="Printable.Text"/>, so no control byte
/// from a name, a server's message or a command's output reaches the terminal even where a report forgot to escape
/// it. Reports still show names with <see cref="Printable.Name"/>, which also tells a backslash from an escape.
/// </summary>
public sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(Printable.Text(value.ToString()));

    public override void Write(string? value)
    {
        if (value is not null) inner.Write(Printable.Text(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => inner.WriteLine(value is null ? null : Printable.Text(value));

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();
}
