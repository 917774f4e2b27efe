using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using KEchoBench.Bench.Comparison;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>kechobench compare BASE CURRENT</c>: the regression check CI gates on. Exit 0 without
/// regression, 1 with at least one metric slower beyond the threshold, 2 on bad usage.
/// </summary>
public static class CompareCommand
{
    public static Command Create()
    {
        var basePath = new Argument<string>("BASE")
        {
            Description = "Results folder (with run.json), run.json file, or BenchmarkDotNet *-report-full.json of the reference run; "
                + "several separated by commas are pooled (runs of base and head made alternately)",
        };
        var currentPath = new Argument<string>("CURRENT")
        {
            Description = "Results folder or file of the run under test (e.g. results/latest); several separated by commas are pooled",
        };
        var threshold = new Option<double>("--threshold")
        {
            Description = "Smallest relative change reported, in percent: 5% or 5 (smaller changes count as 'same' even when real)",
            HelpName = "percent",
            DefaultValueFactory = _ => ComparisonSettings.DefaultThresholdPercent,
            CustomParser = ParseThreshold,
        };
        var alpha = new Option<double>("--alpha")
        {
            Description = "Significance level of each one-sided Mann–Whitney test",
            HelpName = "p",
            DefaultValueFactory = _ => ComparisonSettings.DefaultAlpha,
        };
        alpha.Validators.Add(result =>
        {
            double value = result.GetValueOrDefault<double>();
            if (!(value > 0 && value < 1))
            {
                result.AddError($"--alpha {value.ToString(CultureInfo.InvariantCulture)}: must be between 0 and 1, exclusive (e.g. 0.05)");
            }
        });
        var metrics = new Option<string[]>("--metric", "-m")
        {
            Description = $"Metrics to compare, repeatable or comma-separated: {string.Join(", ", ComparisonMetric.All.Select(m => $"{m.Name} = {m.Description}"))}. "
                + $"Default: {string.Join(", ", ComparisonMetric.Defaults.Select(m => m.Name))}",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "metric",
            DefaultValueFactory = _ => ComparisonMetric.Defaults.Select(m => m.Name).ToArray(),
        };
        metrics.Validators.Add(result =>
        {
            foreach (string name in Split(result.GetValueOrDefault<string[]>() ?? []))
            {
                if (!ComparisonMetric.TryParse(name, out _))
                {
                    result.AddError($"--metric '{name}': unknown metric; allowed: {string.Join(", ", ComparisonMetric.Names)}");
                }
            }
        });
        var markdown = new Option<string?>("--markdown")
        {
            HelpName = "file",
            Description = "Also write the comparison as Markdown to this file (for a pull-request comment)",
        };

        var command = new Command(
            "compare",
            "Compare two benchmark runs case by case (Mann–Whitney U with a threshold, on per-iteration samples). "
            + "Exit 0: no regression; 1: at least one metric slower beyond the threshold; 2: bad usage.");
        command.Arguments.Add(basePath);
        command.Arguments.Add(currentPath);
        command.Options.Add(threshold);
        command.Options.Add(alpha);
        command.Options.Add(metrics);
        command.Options.Add(markdown);
        command.SetAction(result =>
        {
            var settings = new ComparisonSettings
            {
                ThresholdPercent = result.GetValue(threshold),
                Alpha = result.GetValue(alpha),
                Metrics = Split(result.GetValue(metrics) ?? [])
                    .Select(name => ComparisonMetric.TryParse(name, out var metric) ? metric : throw new InvalidOperationException(name))
                    .Distinct()
                    .ToList(),
            };
            return Run(result.GetValue(basePath)!, result.GetValue(currentPath)!, settings, result.GetValue(markdown), result.InvocationConfiguration);
        });
        return command;
    }

    /// <summary>Compares, prints, writes the Markdown file if asked; returns the exit code.</summary>
    public static int Run(string basePath, string currentPath, ComparisonSettings settings, string? markdownFile, InvocationConfiguration io)
    {
        ComparisonReport report;
        try
        {
            report = ComparisonRunner.Run(basePath, currentPath, settings);
        }
        catch (ComparisonInputException e)
        {
            io.Error.WriteLine("kechobench compare: " + e.Message);
            return ExitCodes.Usage;
        }

        ComparisonConsoleRenderer.Write(report, io.Output);
        if (markdownFile is not null)
        {
            try
            {
                ComparisonMarkdownRenderer.Write(report, markdownFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                io.Error.WriteLine($"kechobench compare: --markdown '{markdownFile}': cannot write the file: {e.Message}");
                return ExitCodes.Usage;
            }
        }

        return report.ExitCode;
    }

    private static IEnumerable<string> Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>"5%", "5 %" or "5" (percent); zero or more, below 1000%.</summary>
    private static double ParseThreshold(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        string number = text.Trim().TrimEnd('%').Trim();
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double percent) && percent >= 0 && percent < 1000)
        {
            return percent;
        }

        result.AddError($"--threshold '{text}': must be a percentage of zero or more, e.g. 5% or 2.5%");
        return ComparisonSettings.DefaultThresholdPercent;
    }
}
