using System.Net.Sockets;
using KEchoBench.Bench.Cli;
using KEchoBench.Bench.Processes;
using Xunit;

namespace KEchoBench.Tests.Processes;

/// <summary>--placement: parsed and refused by name, and a split really pins a spawned server's every thread to the server's CPUs.</summary>
public sealed class PlacementTests
{
    [Theory]
    [InlineData("load", "sideways")]
    [InlineData("bench", "1")]
    [InlineData("load", "")]
    public async Task A_bad_placement_names_the_allowed_values_and_exits_2(string command, string value)
    {
        var error = new StringWriter();
        string[] args = command == "load" ? ["load", "--spawn", "eventloop", "--placement", value] : ["bench", "--placement", value, "--in-process"];

        int exit = await CommandLine.RunAsync(args, new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--placement", error.ToString());
        Assert.Contains("split, shared", error.ToString());
    }

    [Fact]
    public async Task Load_refuses_a_placement_for_a_server_it_does_not_start()
    {
        var error = new StringWriter();

        int exit = await CommandLine.RunAsync(["load", "--port", "1", "--placement", "split"], new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--placement pins the server kechobench starts", error.ToString());
    }

    [Theory]
    [InlineData("split", "Split")]
    [InlineData("SHARED", "Shared")]
    public void Both_values_parse(string text, string expected)
    {
        Assert.True(Placement.TryParse(text, out var mode));
        Assert.Equal(expected, mode.ToString());
    }

    [Fact]
    public void A_split_gives_the_generator_the_first_cpu_and_the_server_the_rest_and_needs_two()
    {
        var split = Placement.Decide(PlacementMode.Split, [0, 1, 2, 3])!;
        Assert.Equal([0], split.LoadCpus);
        Assert.Equal([1, 2, 3], split.ServerCpus);
        Assert.Null(Placement.Decide(PlacementMode.Split, [5]));
        var shared = Placement.Decide(PlacementMode.Shared, [0, 1])!;
        Assert.False(shared.Pinned);
        Assert.Equal(shared.LoadCpus, shared.ServerCpus);
    }

    [Fact]
    public async Task A_split_pins_every_thread_of_a_spawned_server_those_started_later_too()
    {
        var cpus = CpuAffinity.Allowed();
        Assert.True(cpus.Count >= 2, $"this test needs 2 CPUs to split; this process may use {cpus.Count}");
        var placement = Placement.Decide(PlacementMode.Split, cpus)!;
        var server = await ServerProcess.StartAsync("thread", [], TimeSpan.FromSeconds(30));
        await using var _ = server;

        Assert.True(placement.PinServer(server.Pid));

        // Session threads the thread engine starts after the pin inherit it from its accept thread.
        var clients = new List<Socket>();
        for (int i = 0; i < 5; i++)
        {
            var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(server.EndPoint);
            await client.SendAsync("x"u8.ToArray());
            Assert.Equal(1, await client.ReceiveAsync(new byte[1]));
            clients.Add(client);
        }

        var threads = Directory.GetDirectories($"/proc/{server.Pid}/task");
        var allowed = threads.Select(t => AllowedList(Path.Combine(t, "status"))).Where(a => a is not null).ToList();
        string expected = string.Join(",", placement.ServerCpus);
        Assert.True(allowed.Count >= 5 + 2, $"{allowed.Count} threads read");
        Assert.Equal(allowed.Count, allowed.Count(a => Expand(a!) == expected));
        Assert.DoesNotContain(placement.LoadCpus[0].ToString(System.Globalization.CultureInfo.InvariantCulture), allowed.SelectMany(a => Expand(a!).Split(',')));

        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static string? AllowedList(string statusFile)
    {
        try
        {
            return File.ReadLines(statusFile).FirstOrDefault(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))?.Split(':')[1].Trim();
        }
        catch (IOException)
        {
            return null; // a thread that ended while we read
        }
    }

    // "1-3,5" -> "1,2,3,5"
    private static string Expand(string list) => string.Join(",", list.Split(',').SelectMany(part =>
    {
        var ends = part.Split('-').Select(int.Parse).ToArray();
        return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
    }));
}
