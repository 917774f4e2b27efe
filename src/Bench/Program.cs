// Fully qualified: BenchmarkDotNet brings a 'CommandLine' namespace (CommandLineParser) that would win here.
return await KEchoBench.Bench.Cli.CommandLine.RunAsync(args).ConfigureAwait(false);
