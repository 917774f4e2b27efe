using KEchoBench.Bench.Cli;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
