namespace ModelSync.Resolve;

/// <summary>Which way a transfer's bytes go: each is also the command that runs it.</summary>
public enum Direction
{
    /// <summary>From this machine to a server.</summary>
    Push,

    /// <summary>From a server to this machine.</summary>
    Pull,

    /// <summary>From one server to another.</summary>
    Copy,
}

public static class DirectionNames
{
    /// <summary>The command word, as reports and fixes print it: <c>push</c>, <c>pull</c>, <c>copy</c>.</summary>
    public static string Command(this Direction direction) => direction switch
    {
        Direction.Push => "push",
        Direction.Pull => "pull",
        Direction.Copy => "copy",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };
}
