using System.CommandLine.Parsing;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Cli;

/// <summary>Parses an option's duration (<c>10s</c>, <c>500ms</c>, <c>50us</c>) with an error naming the option.</summary>
internal static class DurationOption
{
    public static TimeSpan Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DurationParser.TryParse(text, out var value, out string error))
        {
            return value;
        }

        string name = (result.Parent as OptionResult)?.Option.Name ?? "duration";
        result.AddError($"{name} {error}");
        return default;
    }
}
