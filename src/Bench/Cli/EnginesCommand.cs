using System.CommandLine;
using KEchoBench.Servers.Engines;

namespace KEchoBench.Bench.Cli;

/// <summary><c>kechobench engines</c>: lists every engine with what it models.</summary>
internal static class EnginesCommand
{
    public static Command Create()
    {
        var command = new Command("engines", "List the echo-server engines and the kernel model each one stands for.");
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            int width = EngineRegistry.All.Max(e => e.Name.Length);
            foreach (var engine in EngineRegistry.All)
            {
                output.WriteLine($"{engine.Name.PadRight(width)}  {engine.Description}");
                output.WriteLine($"{new string(' ', width)}  kernel analogue: {engine.KernelAnalogue}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
