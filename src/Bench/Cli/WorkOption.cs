using System.CommandLine.Parsing;
using KEchoBench.Servers.Configuration;

namespace KEchoBench.Bench.Cli;

/// <summary>Parses an option's work model (<c>cpu:3us</c>, <c>block:50us</c>, <c>lock:50us</c>) with an error naming the option.</summary>
internal static class WorkOption
{
    public static WorkModel? Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (WorkModel.TryParse(text, out var model, out string error))
        {
            return model;
        }

        string name = (result.Parent as OptionResult)?.Option.Name ?? "work";
        result.AddError($"{name} {error}");
        return null;
    }
}
