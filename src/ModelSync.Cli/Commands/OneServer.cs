namespace ModelSync.Cli.Commands;

/// <summary>For the commands that work on exactly one server: a <c>@group</c> there is a usage error that names the command and the group's members.</summary>
public static class OneServer
{
    public static void Require(CliContext context, string command, params string[] words)
    {
        foreach (var word in words)
        {
            if (context.Config.GroupWhereOneServer(word, command) is { } error) throw error;
        }
    }
}
