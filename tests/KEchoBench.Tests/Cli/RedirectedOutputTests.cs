using System.Diagnostics;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Cli;

/// <summary>
/// Output that is not a terminal carries no escape codes, even where the environment claims a
/// colour terminal (TERM is what Spectre.Console's own detection looks at).
/// </summary>
public sealed class RedirectedOutputTests
{
    [Fact]
    public async Task Load_into_a_pipe_writes_its_table_without_escape_codes_even_with_errors_to_colour()
    {
        // One connection allowed, three opened: the rejected ones are errors, which a terminal shows in red.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { KEchoBenchProcess.DllPath, "load", "--spawn", "thread", "--max-connections", "1", "-c", "3", "-n", "20", "--timeout", "2s", "--warmup", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TERM"] = "xterm-256color";
        info.Environment["COLORTERM"] = "truecolor";
        info.Environment.Remove("NO_COLOR");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        string text = await output + await error;
        Assert.Contains("errors", text, StringComparison.Ordinal);
        Assert.Contains("requests verified", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text);
    }
}
