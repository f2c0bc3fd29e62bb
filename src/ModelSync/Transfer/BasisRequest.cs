using ModelSync.Errors;
using ModelSync.Versioning;

namespace ModelSync.Transfer;

/// <summary>
/// Which older version a new one starts from (<c>--basis</c>): <see cref="Auto"/> (the newest other version of its
/// MODEL beside it, by <see cref="Pattern"/>), <see cref="None"/> (start empty), or the version <see cref="Name"/>.
/// </summary>
public sealed record BasisRequest
{
    public const string NoneWord = "none";

    private BasisRequest(string? name, bool off) => (Name, Off) = (name, off);

    public static BasisRequest Auto { get; } = new(null, false);

    public static BasisRequest None { get; } = new(null, true);

    /// <summary>The version named with <c>--basis NAME</c>; null otherwise.</summary>
    public string? Name { get; }

    /// <summary><c>--basis none</c>: a new version starts empty.</summary>
    public bool Off { get; }

    /// <summary>The naming convention that says which entries are versions of the same MODEL (the config's).</summary>
    public NamingPattern Pattern { get; init; } = NamingPattern.Default;

    /// <summary><c>--basis</c>'s value: <c>none</c>, or the name of a version beside the target; null (not given) is <see cref="Auto"/>.</summary>
    public static BasisRequest Parse(string? text) => text switch
    {
        null => Auto,
        NoneWord => None,
        "" => throw ModelSyncException.Usage("--basis needs a value", $"give the name of a version beside the target, or {NoneWord}"),
        _ => new BasisRequest(text, false),
    };
}
