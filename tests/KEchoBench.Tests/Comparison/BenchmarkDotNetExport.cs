using System.Globalization;
using System.Text;
using KEchoBench.Bench.RunEnvironment;

namespace KEchoBench.Tests.Comparison;

/// <summary>
/// Writes a file in the shape of a BenchmarkDotNet 0.15 full JSON export (<c>*-report-full.json</c>):
/// Benchmarks[] with FullName, Parameters and Measurements (IterationMode, IterationStage,
/// LaunchIndex, IterationIndex, Operations, Nanoseconds), plus the pilot/overhead/actual noise around them.
/// </summary>
internal static class BenchmarkDotNetExport
{
    /// <param name="benchmarks">Full name → nanoseconds per operation of each Workload/Result iteration.</param>
    public static string Write(string file, IReadOnlyDictionary<string, double[]> benchmarks) =>
        Write(file, benchmarks.Select(b => (b.Key, "DefaultJob", b.Value)).ToList());

    /// <param name="benchmarks">(full name, job, nanoseconds per operation of each Workload/Result iteration).</param>
    public static string Write(string file, IReadOnlyList<(string Name, string Job, double[] Values)> benchmarks)
    {
        const long operations = 1024;
        var json = new StringBuilder();
        json.Append("{\"Title\":\"Synthetic-20261127\",\"HostEnvironmentInfo\":{\"BenchmarkDotNetVersion\":\"0.15.8\"},\"Benchmarks\":[");
        bool firstBenchmark = true;
        foreach (var (name, job, values) in benchmarks)
        {
            json.Append(firstBenchmark ? string.Empty : ",");
            firstBenchmark = false;
            string method = name.Split('(')[0].Split('.')[^1];
            json.Append(CultureInfo.InvariantCulture, $"{{\"DisplayInfo\":\"{name}: {job}\",\"Namespace\":\"Synthetic\",\"Type\":\"Echo\",\"Method\":\"{method}\",\"MethodTitle\":\"{method}\",\"Parameters\":\"Size=64\",\"FullName\":\"{name}\",");
            json.Append(CultureInfo.InvariantCulture, $"\"Statistics\":{{\"N\":{values.Length},\"Mean\":{values.Average()}}},\"Memory\":{{\"Gen0Collections\":0,\"BytesAllocatedPerOperation\":0}},\"Measurements\":[");
            var measurements = new List<string>
            {
                Measurement("Overhead", "Jitting", 1, 1, 100_000),
                Measurement("Workload", "Pilot", 1, 16, 16 * values[0] * 3),
            };
            for (int i = 0; i < values.Length; i++)
            {
                measurements.Add(Measurement("Overhead", "Actual", i + 1, operations, operations * 0.5));
                measurements.Add(Measurement("Workload", "Actual", i + 1, operations, operations * (values[i] + 0.5)));
            }

            for (int i = 0; i < values.Length; i++)
            {
                measurements.Add(Measurement("Workload", "Result", i + 1, operations, operations * values[i]));
            }

            json.Append(string.Join(",", measurements));
            json.Append("],\"Metrics\":[{\"Value\":0,\"Descriptor\":{\"Id\":\"Allocated Memory\",\"DisplayName\":\"Allocated\",\"Unit\":\"B\"}}]}");
        }

        json.Append("]}");
        File.WriteAllText(file, json.ToString());
        return file;
    }

    private static string Measurement(string mode, string stage, int index, long operations, double nanoseconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{{\"IterationMode\":\"{mode}\",\"IterationStage\":\"{stage}\",\"LaunchIndex\":1,\"IterationIndex\":{index},\"Operations\":{operations},\"Nanoseconds\":{nanoseconds}}}");
}
