using System.Globalization;

namespace ModelSync.Remotes;

/// <summary>
/// Who holds a lock, as recorded in it. <see cref="Machine"/> is the holder's machine identity (see MachineIdentity); null in
/// locks written before it was recorded (or on a machine without a machine id).
/// </summary>
public sealed record LockHolder(string Host, int Pid, string Since, string Command, string Token, string? Machine = null)
{
    public static LockHolder Parse(IEnumerable<string> lines)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2)) fields[pair[0]] = pair[1];
        string Field(string key) => fields.TryGetValue(key, out var value) ? value : "?";
        return new LockHolder(Field("host"), int.TryParse(Field("pid"), CultureInfo.InvariantCulture, out var pid) ? pid : 0,
            Field("since"), Field("command"), Field("token"), fields.GetValueOrDefault("machine"));
    }

    public string Describe() => $"{Command} (pid {Pid} on {Host}, since {Since})";

    public string Serialize() => $"host={Host}\npid={Pid}\nsince={Since}\ncommand={Command}\ntoken={Token}\n" + (Machine is null ? "" : $"machine={Machine}\n");
}
