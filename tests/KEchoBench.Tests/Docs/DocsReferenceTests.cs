using System.CommandLine;
using System.Text.RegularExpressions;
using KEchoBench.Bench.Cli;
using Xunit;

namespace KEchoBench.Tests.Docs;

/// <summary>
/// Keeps README.md and docs/*.md honest where a machine can tell: every repository path they name
/// exists, and every <c>--option</c> they name is defined by a kechobench command, by a yardstick
/// in scripts/yardsticks, or by one of the other tools they show (listed below with the tool).
/// The pages are read as they are, so pages added later are checked too. Dated campaigns in
/// docs/measurements/ describe the code of their date and are not checked.
/// </summary>
public sealed partial class DocsReferenceTests
{
    /// <summary>Options of other programs the pages show, by program: not ours to define.</summary>
    private static readonly Dictionary<string, string> ForeignOptions = new(StringComparer.Ordinal)
    {
        // dotnet CLI (build, run, test, pack, tool)
        ["--project"] = "dotnet run", ["--no-build"] = "dotnet", ["--global"] = "dotnet tool", ["--add-source"] = "dotnet tool",
        ["--tool-path"] = "dotnet tool", ["--logger"] = "dotnet test", ["--configuration"] = "dotnet",
        // dotnet-counters
        ["--counters"] = "dotnet-counters", ["--showDeltas"] = "dotnet-counters", ["--process-id"] = "dotnet-counters", ["--name"] = "dotnet-counters",
        // BenchmarkDotNet's own arguments, which bench passes through
        ["--filter"] = "BenchmarkDotNet / dotnet test", ["--list"] = "BenchmarkDotNet", ["--exporters"] = "BenchmarkDotNet", ["--job"] = "BenchmarkDotNet",
        ["--runtimes"] = "BenchmarkDotNet", ["--iterationCount"] = "BenchmarkDotNet", ["--warmupCount"] = "BenchmarkDotNet",
        // coreutils, git, gh, apt, GitHub Actions
        ["--default-signal"] = "env", ["--pid"] = "prlimit", ["--nofile"] = "prlimit", ["--show-toplevel"] = "git", ["--body-file"] = "gh", ["--keep-packages"] = "fresh-machine-check",
        ["--tests-only"] = "fresh-machine-check", ["--depth"] = "git", ["--verbose"] = "kechobench and others",
    };

    private static readonly string Root = FindRoot();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        pages.Add("README.md");
        foreach (string page in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Root, page).Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryPathThePageNamesExists(string page)
    {
        string text = File.ReadAllText(Path.Combine(Root, page));
        string pageDir = Path.GetDirectoryName(Path.Combine(Root, page))!;
        var missing = new List<string>();

        // Paths from the repository root, as prose and code name them: src/..., docs/..., .ci/...
        foreach (Match m in RootPath().Matches(text))
        {
            string path = m.Groups["path"].Value.TrimEnd('.', ',', ':', ';', ')');
            if (IsPattern(path) || IsMadeByARun(path))
            {
                continue;
            }

            if (!Exists(Path.Combine(Root, path)))
            {
                missing.Add(path);
            }
        }

        // Markdown links, relative to the page.
        foreach (Match m in MarkdownLink().Matches(text))
        {
            string target = m.Groups["target"].Value.Split('#')[0];
            if (target.Length == 0 || target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal) || IsPattern(target))
            {
                continue;
            }

            if (!Exists(Path.GetFullPath(Path.Combine(pageDir, target))))
            {
                missing.Add($"link {target}");
            }
        }

        Assert.True(missing.Count == 0, $"{page} names paths that do not exist in the repository: {string.Join(", ", missing.Distinct())}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryOptionThePageNamesIsDefined(string page)
    {
        var known = KechobenchOptions();
        known.UnionWith(YardstickOptions());
        string text = File.ReadAllText(Path.Combine(Root, page));
        var unknown = LongOption().Matches(text)
            .Select(m => m.Value)
            .Where(o => !known.Contains(o) && !ForeignOptions.ContainsKey(o))
            .Distinct()
            .ToList();
        Assert.True(unknown.Count == 0, $"{page} names options that no kechobench command, yardstick or listed tool defines: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void TheCheckWouldSeeAnOptionThatDoesNotExist()
    {
        // The checker's own sanity: a real option is known, a made-up one is not.
        var known = KechobenchOptions();
        Assert.Contains("--max-connections", known);
        Assert.Contains("--base-server", known);
        Assert.DoesNotContain("--no-such-option", known);
        Assert.Contains("--conns", YardstickOptions());
    }

    /// <summary>Every option and alias of every kechobench command, from the System.CommandLine tree itself.</summary>
    private static HashSet<string> KechobenchOptions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(Command command)
        {
            foreach (var option in command.Options)
            {
                names.Add(option.Name);
                names.UnionWith(option.Aliases);
            }

            foreach (var sub in command.Subcommands)
            {
                Walk(sub);
            }
        }

        Walk(CommandLine.Build());
        names.Add("--help");
        names.Add("--version");
        return names;
    }

    /// <summary>The yardsticks' options: getopt tables in the C sources, case labels in the reproduce script.</summary>
    private static HashSet<string> YardstickOptions()
    {
        string dir = Path.Combine(Root, "scripts", "yardsticks");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(dir, "*.[ch]"))
        {
            foreach (Match m in GetoptEntry().Matches(File.ReadAllText(file)))
            {
                names.Add("--" + m.Groups[1].Value);
            }
        }

        string reproduce = Path.Combine(dir, "reproduce");
        if (File.Exists(reproduce))
        {
            foreach (Match m in ShellCaseOption().Matches(File.ReadAllText(reproduce)))
            {
                names.Add(m.Groups[1].Value);
            }
        }

        return names;
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    /// <summary>A placeholder or glob (results/&lt;time&gt;-quick/, bdn/*.log, $VAR), not a path.</summary>
    private static bool IsPattern(string path) => path.IndexOfAny(['<', '>', '*', '{', '}', '$']) >= 0 || path.Contains("...", StringComparison.Ordinal);

    /// <summary>What a build or a run creates and the repository does not hold: build outputs, results/latest, the yardsticks' binaries.</summary>
    private static bool IsMadeByARun(string path) =>
        path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal)
        || path.StartsWith("results/latest", StringComparison.Ordinal)
        || YardstickBinary().IsMatch(path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KEchoBench.sln")) && File.Exists(Path.Combine(dir.FullName, "README.md")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"DocsReferenceTests: no KEchoBench.sln above {AppContext.BaseDirectory}; the test reads the repository's markdown and must run from a clone");
    }

    [GeneratedRegex(@"(?<![\w./-])(?<path>(?:\.ci|src|docs|tests|results|scripts)/[\w./<>*{}$-]*[\w/>*}])")]
    private static partial Regex RootPath();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w-])--[A-Za-z][A-Za-z0-9-]*")]
    private static partial Regex LongOption();

    [GeneratedRegex(@"\{\s*""([a-z][a-z0-9-]*)""\s*,\s*(?:required|no|optional)_argument")]
    private static partial Regex GetoptEntry();

    [GeneratedRegex(@"^\s*(--[a-z][a-z0-9-]*)(?:\|[^)]*)?\)", RegexOptions.Multiline)]
    private static partial Regex ShellCaseOption();

    [GeneratedRegex(@"^scripts/yardsticks/echo_[a-z0-9_]+$")]
    private static partial Regex YardstickBinary();
}
