using KEchoBench.Bench.Cli;
using Xunit;

namespace KEchoBench.Tests.Cli;

/// <summary>
/// Issue 27: out-of-range values and paths that cannot be written, for every command. Each ends in
/// exit 2 with the option (or argument), the value and the reason, and never in a stack trace;
/// nothing runs first. /proc takes no new files and /etc/passwd is a file, which holds for root too
/// (permissions do not stop root, so no test relies on them).
/// </summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("load|--port|65536", "--port 65536: must be between 1 and 65535")]
    [InlineData("load|--port|0", "--port 0: must be between 1 and 65535")]
    [InlineData("load|--port|1|--threads|300", "--threads 300: must be between 1 and 256")]
    [InlineData("load|--port|1|--rounds|0", "--rounds 0: must be at least 1")]
    [InlineData("load|--port|1|--requests|-1", "--requests -1: must be at least 1")]
    [InlineData("load|--port|1|--mode|rate|--rate|-5", "--rate -5: must be a finite number")]
    [InlineData("load|--port|1|--json|/proc/forbidden/load.json", "--json '/proc/forbidden/load.json': cannot be written: cannot create files in '/proc'")]
    [InlineData("load|--port|1|--hlog|/etc/passwd/load.hlog", "--hlog '/etc/passwd/load.hlog': cannot be written: '/etc/passwd' is a file, not a folder")]
    [InlineData("load|--port|1|--mode|burst|--bench-txt|/proc", "--bench-txt '/proc': cannot be written: it is a folder")]
    [InlineData("bench|--results|/proc/forbidden", "--results '/proc/forbidden': cannot be written: cannot create files in '/proc': the file system there does not take new files")]
    [InlineData("bench|--results|/etc/passwd/results", "--results '/etc/passwd/results': cannot be written: '/etc/passwd' is a file")]
    [InlineData("bench|--markdown|/proc/compare.md", "--markdown '/proc/compare.md': cannot be written")]
    [InlineData("serve|--engine|cmwq|--port|70000", "--port 70000: must be between 0 and 65535")]
    [InlineData("serve|--engine|cmwq|--buffer-size|0", "--buffer-size 0: must be between 1 and")]
    [InlineData("check|--spawn|cmwq|--burst|0", "--burst 0: must be at least 1")]
    [InlineData("check|--spawn|cmwq|--max-length|0", "--max-length 0: must be at least 1")]
    [InlineData("ab|--base-server|x|--pairs|2", "--pairs 2: must be at least 6")]
    [InlineData("ab|--base-server|x|--clients|0", "--clients 0: must be at least 1")]
    [InlineData("ab|--base-server|x|--output|/proc/ab.json", "--output '/proc/ab.json': cannot be written")]
    [InlineData("compare|a|b|--markdown|/etc/passwd/c.md", "--markdown '/etc/passwd/c.md': cannot be written")]
    [InlineData("report|/proc", "RESULTS_DIR '/proc': cannot be written")]
    public async Task Out_of_range_and_unwritable_inputs_exit_2_naming_the_option_and_the_reason(string arguments, string message)
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(arguments.Split('|'), new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Every numeric option of every command, read off the command tree: a new option is covered when it is added.</summary>
    public static TheoryData<string, string> NumericOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, command) in Commands(CommandLine.Build(), ""))
        {
            foreach (var option in command.Options.Where(o => IsNumber(Nullable.GetUnderlyingType(o.ValueType) ?? o.ValueType)))
            {
                data.Add(path, option.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public async Task A_number_option_given_text_exits_2_naming_the_option_without_a_stack_trace(string command, string option)
    {
        // Before: 'load --clients x' threw from a validator that read the value System.CommandLine
        // had failed to convert, and the user got an unhandled exception's stack trace.
        var error = new StringWriter();

        string[] valid = command switch
        {
            "load" when option != "--port" => ["--port", "1"],
            "check" => ["--spawn", "cmwq"],
            "serve" => ["--engine", "cmwq"],
            "ab" => ["--base-server", "x"],
            "agent" => ["--role", "server", .. option == "--server-port" ? new[] { "--server-command", "true" } : []],
            "compare" => ["a", "b"],
            "report" => ["results"],
            _ => [],
        };

        int exit = await CommandLine.RunAsync([.. command.Split(' '), .. valid, option, "x"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"{option} 'x': ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_tree_has_number_options_to_try() =>
        Assert.True(NumericOptions().Count >= 20, $"{NumericOptions().Count} numeric options found");

    private static IEnumerable<(string Path, System.CommandLine.Command Command)> Commands(System.CommandLine.Command parent, string path)
    {
        foreach (var command in parent.Subcommands)
        {
            string named = path.Length == 0 ? command.Name : $"{path} {command.Name}";
            yield return (named, command);
            foreach (var nested in Commands(command, named))
            {
                yield return nested;
            }
        }
    }

    private static bool IsNumber(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(uint) || type == typeof(ushort) || type == typeof(short) || type == typeof(float);

    [Fact]
    public void A_writable_path_is_accepted_and_the_check_leaves_nothing_behind()
    {
        string folder = Directory.CreateTempSubdirectory("kechobench-writable-").FullName;
        try
        {
            Assert.Null(WritablePath.Problem(Path.Combine(folder, "new", "deeper"), folder: true));
            Assert.Null(WritablePath.Problem(Path.Combine(folder, "run.json"), folder: false));
            File.WriteAllText(Path.Combine(folder, "kept.json"), "{}");
            Assert.Null(WritablePath.Problem(Path.Combine(folder, "kept.json"), folder: false));
            Assert.Equal(["kept.json"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
            Assert.Equal("{}", File.ReadAllText(Path.Combine(folder, "kept.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
