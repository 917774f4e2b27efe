using KEchoBench.Bench.Terminal;
using Spectre.Console;

namespace KEchoBench.Bench.Check;

/// <summary>
/// The report for people: one row per check (pass / FAIL / skipped and why), the evidence of each
/// failure below the table, and the summary line. Colours and rounded borders on a terminal only;
/// redirected output is plain ASCII without escape codes.
/// </summary>
internal static class CheckTable
{
    public static void Write(CheckReport report, TextWriter output)
    {
        bool terminal = TerminalOutput.IsTerminal(output);
        var console = TerminalOutput.For(output);

        var table = new Table { Border = terminal ? TableBorder.Rounded : TableBorder.Ascii };
        table.AddColumns("check", "result", "what happened");
        foreach (var result in report.Checks)
        {
            table.AddRow(new Text(result.Name), new Text(Label(result.Status), StyleOf(result.Status)), new Text(result.Reason));
        }

        console.Write(table);
        foreach (var result in report.Checks.Where(r => r.Evidence is not null))
        {
            var evidence = result.Evidence!;
            console.WriteLine($"{result.Name}: first difference at byte {evidence.Offset:N0}");
            console.WriteLine($"  expected @{evidence.Start:N0}: {evidence.Expected}");
            console.WriteLine($"  received @{evidence.Start:N0}: {evidence.Received}");
        }

        console.Write(new Text(report.Summary + System.Environment.NewLine, report.Failed > 0 ? new Style(Color.Red, decoration: Decoration.Bold) : new Style(Color.Green)));
    }

    public static string Label(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "pass",
        CheckStatus.Fail => "FAIL",
        _ => "skipped",
    };

    private static Style StyleOf(CheckStatus status) => status switch
    {
        CheckStatus.Pass => new Style(Color.Green),
        CheckStatus.Fail => new Style(Color.Red, decoration: Decoration.Bold),
        _ => new Style(Color.Grey),
    };
}
