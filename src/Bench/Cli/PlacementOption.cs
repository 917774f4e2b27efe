using System.CommandLine;
using System.CommandLine.Parsing;
using KEchoBench.Bench.Processes;

namespace KEchoBench.Bench.Cli;

/// <summary>
/// <c>--placement split|shared</c> for the commands that run a server and the load generator on
/// one host (<c>load --spawn</c>, <c>bench</c>), with the default they share.
/// </summary>
internal static class PlacementOption
{
    /// <summary>
    /// The default, chosen by measurement (docs/distributed.md, "One host: split or shared cores").
    /// </summary>
    public const PlacementMode Default = PlacementMode.Shared;

    public static Option<PlacementMode> Create(string descriptionPrefix = "") => new("--placement")
    {
        Description = descriptionPrefix + $"Where the load generator and the server run on this host: split (disjoint CPUs: the generator on the first, the server on the rest, by sched_setaffinity) or shared (nothing pinned); default {Default.ToString().ToLowerInvariant()}",
        HelpName = "split|shared",
        DefaultValueFactory = _ => Default,
        CustomParser = Parse,
    };

    private static PlacementMode Parse(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (Placement.TryParse(text, out var mode))
        {
            return mode;
        }

        result.AddError($"--placement '{text}': allowed values are {Placement.Names}");
        return Default;
    }
}
