return await ModelSync.Cli.Cli.MainAsync(args);
