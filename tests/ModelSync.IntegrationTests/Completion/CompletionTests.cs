using System.CommandLine;
using System.Diagnostics;
using System.Runtime.Versioning;
using ModelSync.Cli.Completion;
using ModelSync.Config;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Text;

namespace ModelSync.IntegrationTests.Completion;

/// <summary>
/// <c>model-sync completion bash|zsh</c>: the script loads in the real shell and, asked as the shell asks it,
/// offers commands, per-command options, aliases from the config and, for <c>alias:</c>, the names on the server.
/// </summary>
[Collection("sshd")]
[SupportedOSPlatform("linux")]
public sealed class CompletionTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string BashHelper = """
        complete_line() {
            COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
            read -r -a COMP_WORDS <<< "$COMP_LINE"; [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()
            _model_sync model-sync "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            echo "== $1"; printf '%s\n' "${COMPREPLY[@]}"
        }
        """;

    private string CompletionConfig() => TestConfig.Write(Work,
        TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA),
        TestConfig.Ssh(Sshd, "down", Sshd.BaseA) with { Port = ClosedPort.Get() });

    [Fact]
    public async Task BashScriptLoadsAndCompletesCommandsOptionsAliasesAndServerNames()
    {
        var name = "comp-" + Id;
        Directory.CreateDirectory(Path.Combine(Sshd.BaseA, name));
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, name, "config.pbtxt"), "x");
        var shell = new CompletionShell("bash", Work, CompletionConfig());
        var script = await shell.InstallAsync();

        var (exitCode, stdout, stderr) = await shell.RunAsync($"""
            source {SingleQuoted.Word(script)} || exit 9
            echo "== complete -p"; complete -p model-sync
            {BashHelper}
            complete_line 'model-sync '
            complete_line 'model-sync pu'
            complete_line 'model-sync push --d'
            complete_line 'model-sync list '
            complete_line 'model-sync push ./m '
            complete_line 'model-sync pull alpha:'
            complete_line 'model-sync pull alpha:{name[..7]}'
            complete_line 'model-sync push '
            complete_line 'model-sync prune '
            complete_line 'model-sync prune alpha --k'
            start=$SECONDS; complete_line 'model-sync pull down:'; echo "== seconds"; echo $((SECONDS - start))
            """);

        Assert.True(exitCode == 0, $"bash exited {exitCode}\n{stdout}\n{stderr}");
        var replies = CompletionShell.Sections(stdout);
        Assert.Equal(["complete -F _model_sync model-sync"], replies["complete -p"]);
        Assert.Superset(new HashSet<string> { "servers", "push", "pull", "diff", "verify", "list", "exec", "versions", "prune", "name", "doctor", "completion" }, replies["model-sync "].ToHashSet());
        Assert.DoesNotContain(CompletionCommands.CompleteName, replies["model-sync "]);
        Assert.Equal(["push", "pull"], replies["model-sync pu"]);
        Assert.Equal(["--dry-run", "--delete"], replies["model-sync push --d"]);
        Assert.Equal(["alpha", "down", "local"], replies["model-sync list "]);
        Assert.Equal(["alpha:", "down:", "local:"], replies["model-sync push ./m "]);
        Assert.Equal(["alpha", "down", "local"], replies["model-sync prune "]);
        Assert.Equal(["--keep"], replies["model-sync prune alpha --k"]);
        // bash breaks words at ':', so the replies are what follows "alpha:".
        Assert.Contains(name, replies["model-sync pull alpha:"]);
        Assert.Equal([name], replies[$"model-sync pull alpha:{name[..7]}"]);
        Assert.Contains("completion.bash", replies["model-sync push "]);
        Assert.Empty(replies["model-sync pull down:"]);
        Assert.True(int.Parse(replies["seconds"][0], System.Globalization.CultureInfo.InvariantCulture) < 8, stdout);
    }

    [Fact]
    public async Task ZshScriptParsesAndHandsTheWordsToCompadd()
    {
        var shell = new CompletionShell("zsh", Work, CompletionConfig());
        Assert.True(File.Exists("/usr/bin/zsh") || File.Exists("/bin/zsh"), "zsh is missing: scripts/test.sh installs it");
        var script = await shell.InstallAsync();

        var syntax = await shell.RunAsync($"zsh -n {SingleQuoted.Word(script)}");
        Assert.True(syntax.ExitCode == 0, syntax.Stderr);

        // compadd, _files and compdef only work inside zsh's completion system; these record what the script hands them.
        var (exitCode, stdout, stderr) = await shell.RunAsync($$"""
            compadd() { print -rl -- "$@"; }
            _files() { print -r -- _files; }
            compdef() { print -r -- "== compdef"; print -rl -- "$@"; }
            source {{SingleQuoted.Word(script)}} || exit 9
            z() { words=(${(s: :)1}); [[ "$1" == *" " ]] && words+=(""); CURRENT=${#words}; print -r -- "== $1"; _model_sync; }
            z 'model-sync li'
            z 'model-sync list '
            z 'model-sync push ./m '
            z 'model-sync push -'
            z 'model-sync push '
            """);

        Assert.True(exitCode == 0, $"zsh exited {exitCode}\n{stdout}\n{stderr}");
        var calls = CompletionShell.Sections(stdout);
        Assert.Equal(["_model_sync", "model-sync"], calls["compdef"]);
        Assert.Equal(["--", "list"], calls["model-sync li"]);
        Assert.Equal(["--", "alpha", "down", "local"], calls["model-sync list "]);
        Assert.Equal(["-S", "--", "alpha:", "down:", "local:"], calls["model-sync push ./m "]);
        Assert.Equal(["_files"], calls["model-sync push "]);
        Assert.Superset(new HashSet<string> { "--dry-run", "--delete", "--bwlimit", "--json", "--config", "--strict-naming" }, calls["model-sync push -"].ToHashSet());
    }

    [Fact]
    public async Task CommandsAndOptionsComeFromTheTree()
    {
        var root = ModelSync.Cli.Cli.Build();
        var added = new Command("zz-added") { new Option<bool>("--frobnicate") };
        root.Subcommands.Add(added);
        var config = ConfigLoader.Load(ConfigPath, null);

        var commands = await Offered(root, config, "z");
        var options = await Offered(root, config, "zz-added", "--fr");
        var inherited = await Offered(root, config, "zz-added", "--js");

        Assert.Equal(["zz-added"], commands);
        Assert.Equal(["--frobnicate"], options);
        Assert.Equal(["--json"], inherited);
    }

    private static Task<IReadOnlyList<string>> Offered(Command root, ModelSyncConfig config, params string[] words) =>
        Candidates.ForAsync(CompletionRequest.Parse(root, words), () => config,
            (_, _, _) => throw new UnreachableException("no server names needed"), CancellationToken.None);
}
