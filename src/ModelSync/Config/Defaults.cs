namespace ModelSync.Config;

/// <summary>The <c>defaults:</c> section: what a command does when its flag is not given.</summary>
public sealed record Defaults(bool Verify = true, bool Compress = false, bool Delete = false);
