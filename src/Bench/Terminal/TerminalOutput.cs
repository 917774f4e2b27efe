using Spectre.Console;

namespace KEchoBench.Bench.Terminal;

/// <summary>
/// What a command's output can show: live displays and colour only on an interactive terminal,
/// colour only without NO_COLOR (https://no-color.org), and nothing but plain text when the output
/// is a pipe, a file, CI's log or a test's buffer. Spectre.Console's own detection looks at TERM
/// and so writes escape codes into a pipe; every console here is built through this class instead.
/// </summary>
internal static class TerminalOutput
{
    /// <summary>Wide enough that tables and case keys do not wrap in CI logs and files.</summary>
    public const int RedirectedWidth = 240;

    /// <summary>The writer is the process's standard output and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>A live display (redrawn lines) suits this writer: a terminal, and not CI.</summary>
    public static bool IsLive(TextWriter output) =>
        IsTerminal(output) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    /// <summary>Colour is wanted: a terminal, and NO_COLOR unset or empty.</summary>
    public static bool UsesColour(TextWriter output) =>
        IsTerminal(output) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>A Spectre.Console console on this writer: escape codes only for a terminal, colour only as <see cref="UsesColour"/> says.</summary>
    public static IAnsiConsole For(TextWriter output)
    {
        bool terminal = IsTerminal(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = UsesColour(output) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
