namespace KEchoBench.Bench.Results;

/// <summary>How an <see cref="IterationMetric"/> appears as a column: BenchmarkDotNet's id, the heading, the legend line and the number format.</summary>
internal sealed record IterationColumn(string Id, string Heading, string Legend, string NumberFormat);
