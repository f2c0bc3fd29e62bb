namespace ModelSync.IntegrationTests.Support;

/// <summary>The two modes the mode tests move files between: 644 and 755.</summary>
internal static class ModeBits
{
    public const UnixFileMode Plain = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode Executable = Plain | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
}
