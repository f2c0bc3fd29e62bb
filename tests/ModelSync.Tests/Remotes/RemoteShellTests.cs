using System.Text;
using ModelSync.Remotes;
using ModelSync.Tests.Support;
using ModelSync.Tests.Text;
using ModelSync.Text;

namespace ModelSync.Tests.Remotes;

public sealed class RemoteShellTests
{
    [Fact]
    public void ScriptPassesDataOnlyAsPositionalArguments() =>
        Assert.Equal(["sh", "-c", "echo \"$1\"", "sh", "a b", "$(id)"], RemoteShell.Script("echo \"$1\"", ["a b", "$(id)"]));

    [Fact]
    public void ScriptArgumentsReachTheScriptUnchanged()
    {
        var words = SingleQuotedTests.Words;
        var argv = RemoteShell.Script("printf '%s\\0' \"$@\"", words);

        var output = TestProcess.RunBytes("/bin/sh", argv.Skip(1));

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0"))), output);
    }

    [Fact]
    public void JoinedScriptSurvivesTheRemoteLoginShell()
    {
        // What ssh does with the command string: hands it to the login shell as `sh -c <string>`.
        var words = SingleQuotedTests.Words;
        var command = SingleQuoted.Line(RemoteShell.Script("printf '%s\\0' \"$@\"", words));

        var output = TestProcess.RunBytes("/bin/sh", ["-c", command]);

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0"))), output);
    }
}
