var code = await ModelSync.Cli.Cli.MainAsync(ModelSync.Cli.RawArguments.Recover(args));
await ModelSync.Cli.TraceSummary.WriteAsync();
return code;
