return await ModelSync.Cli.Cli.MainAsync(ModelSync.Cli.RawArguments.Recover(args));
