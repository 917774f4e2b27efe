using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace KEchoBench.Tests.Reports;

/// <summary>
/// Loads a local HTML file in headless Chromium (Debian package <c>chromium</c>, installed by
/// .ci/install-report-deps) and returns the DOM after the page's scripts ran plus every console message.
/// A missing browser fails the test: CI installs it, so its absence is a broken setup, not a reason to skip.
/// </summary>
internal static partial class HeadlessChromium
{
    // A hang guard, not a performance check: a load takes ~5 s on a quiet machine, several times that on a busy one.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    public sealed record PageLoad(string Dom, IReadOnlyList<string> ConsoleMessages);

    public static string Locate()
    {
        string[] names = ["chromium", "chromium-browser", "google-chrome"];
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(Path.PathSeparator)
            .SelectMany(dir => names.Select(n => Path.Combine(dir, n)))
            .FirstOrDefault(File.Exists);
        Assert.True(found is not null, "headless Chromium is needed for this test and was not found on PATH: install it with .ci/install-report-deps (Debian package chromium)");
        return found!;
    }

    public static async Task<PageLoad> LoadAsync(string htmlFile)
    {
        string profile = Path.Combine(Path.GetTempPath(), "kechobench-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(Locate())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // No sandbox: CI runs as root. Everything that would reach the network on its own is off.
        foreach (string argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", $"--user-data-dir={profile}",
            "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(htmlFile).AbsoluteUri])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish loading {htmlFile} within {Timeout.TotalSeconds} s");
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A helper process may still hold a file for a moment; the temp folder is reclaimed later.
            }
        }

        string dom = await stdout;
        var console = ConsoleLine().Matches(await stderr).Select(m => m.Value.Trim()).ToList();
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}");
        return new PageLoad(dom, console);
    }

    /// <summary>An attribute of the element with the given id in the dumped DOM, HTML-decoded; null when absent.</summary>
    public static string? Attribute(string dom, string id, string attribute)
    {
        var element = Regex.Match(dom, $"<[a-z]+\\s[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        if (!element.Success)
        {
            return null;
        }

        var value = Regex.Match(element.Value, $"\\b{Regex.Escape(attribute)}=\"([^\"]*)\"");
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : null;
    }

    // Chromium logs every console message (log, warning, error, uncaught exception) as INFO:CONSOLE lines.
    [GeneratedRegex(@"^.*:CONSOLE[:(].*$", RegexOptions.Multiline)]
    private static partial Regex ConsoleLine();
}
