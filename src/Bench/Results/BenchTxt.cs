using System.Globalization;
using System.Text;

namespace KEchoBench.Bench.Results;

/// <summary>kecho bench.c's output: one <c>index time_us</c> line per connection slot (mean over rounds), for the old gnuplot scripts.</summary>
internal static class BenchTxt
{
    public static void Write(IReadOnlyList<double> perConnectionUs, string file)
    {
        var text = new StringBuilder();
        for (int i = 0; i < perConnectionUs.Count; i++)
        {
            if (!double.IsNaN(perConnectionUs[i]))
            {
                text.Append(CultureInfo.InvariantCulture, $"{i} {perConnectionUs[i]:0}\n");
            }
        }

        string? directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(file, text.ToString());
    }
}
