using KEchoBench.Bench.Benchmarks.Running;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Comparison;
using KEchoBench.Bench.Reports;
using KEchoBench.Servers.Engines;
using KEchoBench.Tests.Comparison;
using KEchoBench.Tests.Conformance;
using Xunit;
using KEchoBench.Bench.Benchmarks.ServersUnderTest;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Tests.Engines;

/// <summary>
/// Adding an engine is one file plus one registration line: an engine registered once shows up in
/// every list the suite keeps (CLI, bench, ab, report, compare, the conformance guard).
/// </summary>
[Collection(nameof(EngineRegistrationCollection))]
public sealed class EngineRegistrationTests
{
    private const string Throwaway = "throwaway";
    private const string Colour = "#8c564b";

    [Fact]
    public async Task AnEngineRegisteredOnceIsInEveryList()
    {
        var descriptor = new EngineDescriptor(Throwaway, "a test's engine", "none", Colour, (o, l) => new ThreadEngine(o, l));
        using (EngineRegistry.Register(descriptor))
        {
            // CLI: the engines listing and every option's allowed values.
            var listing = new StringWriter();
            Assert.Equal(0, await CommandLine.RunAsync(["engines"], listing, new StringWriter()));
            Assert.Contains(Throwaway, listing.ToString(), StringComparison.Ordinal);

            var error = new StringWriter();
            Assert.Equal(2, await CommandLine.RunAsync(["serve", "--engine", "nosuch"], new StringWriter(), error));
            Assert.Contains(Throwaway, error.ToString(), StringComparison.Ordinal);

            // Bench: a case target, and among the engines bench runs by default.
            Assert.True(EngineTarget.TryParse(Throwaway, out var target, out _));
            Assert.False(target!.IsExternal);
            var benchError = new StringWriter();
            Assert.Equal(2, await CommandLine.RunAsync(["bench", "--engines", "nosuch"], new StringWriter(), benchError));
            Assert.Contains(Throwaway, benchError.ToString(), StringComparison.Ordinal);

            // The A/B gate: one of the engines it may gate.
            var abError = new StringWriter();
            Assert.Equal(2, await CommandLine.RunAsync(["ab", "--engines", "nosuch"], new StringWriter(), abError));
            Assert.Contains(Throwaway, abError.ToString(), StringComparison.Ordinal);

            // Report: after the built-in engines and before external servers, in its own colour.
            var order = EngineStyle.Order(["external:127.0.0.1:7", Throwaway, "eventloop", "thread"]);
            Assert.Equal(["thread", "eventloop", Throwaway, "external:127.0.0.1:7"], order);
            Assert.Equal(ScottPlot.Color.FromHex(Colour), EngineStyle.ColorOf(Throwaway, order));
            Assert.NotEqual(ScottPlot.Color.FromHex(Colour), EngineStyle.ColorOf("external:127.0.0.1:7", order));

            // Compare: its cases are compared like any other engine's.
            string folder = Directory.CreateTempSubdirectory("kechobench-registration-").FullName;
            try
            {
                string before = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 3, engines: ["thread", Throwaway]), Path.Combine(folder, "before"));
                string after = SyntheticRuns.WriteRun(SyntheticRuns.Run(seed: 4, engines: ["thread", Throwaway]), Path.Combine(folder, "after"));
                var report = ComparisonRunner.Run(before, after, new ComparisonSettings());
                Assert.Contains(report.Cases, c => c.Key.Contains(Throwaway, StringComparison.Ordinal));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            // The conformance guard: an engine without a conformance subclass is caught.
            Assert.Equal([Throwaway], EngineCoverageTests.EnginesWithoutConformance());
        }

        Assert.DoesNotContain(Throwaway, EngineRegistry.Names);
    }
}

/// <summary>The registry is process-wide: the test that adds to it runs alone.</summary>
[CollectionDefinition(nameof(EngineRegistrationCollection), DisableParallelization = true)]
public sealed class EngineRegistrationCollection;
