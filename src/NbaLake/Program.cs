return await NbaLake.Cli.InvokeAsync(args);
