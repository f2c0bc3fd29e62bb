using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Versioning;

namespace ModelSync.Cli.Commands;

/// <summary>The naming convention's commands: <c>versions</c> (what is there) and <c>name</c> (what to call a new one).</summary>
public static class VersionCommands
{
    public static Command Versions()
    {
        var alias = new Argument<string>("alias") { Description = "Server alias" };
        var model = new Argument<string>("MODEL") { Description = "The MODEL field of the names (any case), e.g. ASR" };
        var command = new Command("versions", """
            Every version of one model on a server, newest first (VERSION, then DATE, then mtime).
            Example: model-sync versions reaper ASR
            """) { alias, model };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            OneServer.Require(context, "versions", parse.GetValue(alias)!);
            var result = await VersionsOperation.RunAsync(session, parse.GetValue(alias)!, parse.GetValue(model)!, ct);
            context.Report(w => VersionsReport.Write(w, result), () => VersionsReport.Json(result));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Name()
    {
        var options = NamingField.Names.ToDictionary(f => f, f => new Option<string?>(NameComposer.Option(f))
        {
            Description = f switch
            {
                NamingField.Version => "VERSION (default: today as yymmdd)",
                NamingField.Date => "DATE, e.g. N2511 (required when the pattern has {DATE})",
                NamingField.Gpu => "GPU, e.g. RTX3090 (required when the pattern has {GPU})",
                _ => "MODEL, e.g. ASR (required)",
            },
            HelpName = f,
        });
        var command = new Command("name", """
            Print a model name that follows naming.pattern, e.g. RTX3090_N2511_ASR_261128.
            Example: model-sync name --gpu RTX3090 --date N2511 --model ASR
            """);
        foreach (var option in options.Values) command.Options.Add(option);
        command.SetAction((parse, ct) => Cli.RunAsync(parse, (context, _) =>
        {
            var pattern = context.Config.Naming.Pattern;
            var values = options.ToDictionary(o => o.Key, o => parse.GetValue(o.Value));
            var name = NameComposer.Compose(pattern, values, DateOnly.FromDateTime(DateTime.Now));
            context.Report(w => NameReport.Write(w, name), () => NameReport.Json(name, pattern));
            return Task.FromResult(ExitCodes.Ok);
        }, ct));
        return command;
    }
}
