using ModelSync.Errors;

namespace ModelSync.Paths;

/// <summary>A command-line <c>alias[:path]</c> as typed, before the alias is looked up.</summary>
public sealed record RemoteSpec(string Alias, string? Path)
{
    public static RemoteSpec Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var alias = colon < 0 ? text : text[..colon];
        var path = colon < 0 ? null : text[(colon + 1)..];
        if (alias.Length == 0)
            throw ModelSyncException.Usage($"'{text}' names no server", "write it as <alias>[:<path>], e.g. reaper:models/v1");
        return new RemoteSpec(alias, string.IsNullOrEmpty(path) ? null : path);
    }

    public override string ToString() => Path is null ? Alias : $"{Alias}:{Path}";
}
