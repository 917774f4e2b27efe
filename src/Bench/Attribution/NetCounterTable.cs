using System.Globalization;

namespace KEchoBench.Bench.Attribution;

/// <summary>
/// The format of <c>/proc/net/netstat</c> and <c>/proc/net/snmp</c>: pairs of lines, a header
/// (<c>TcpExt: Name1 Name2 …</c>) and its values (<c>TcpExt: 1 2 …</c>). Read into
/// <c>Group.Name</c> → value.
/// </summary>
internal static class NetCounterTable
{
    public static IReadOnlyDictionary<string, long> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i + 1 < lines.Length; i += 2)
        {
            string[] names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0 || names[0] != values.FirstOrDefault() || !names[0].EndsWith(':'))
            {
                // Out of step (not a header and its values): the rest cannot be trusted.
                break;
            }

            string group = names[0].TrimEnd(':');
            for (int f = 1; f < Math.Min(names.Length, values.Length); f++)
            {
                // Some counters (Tcp MaxConn) are signed.
                if (long.TryParse(values[f], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
                {
                    counters[$"{group}.{names[f]}"] = value;
                }
            }
        }

        return counters;
    }
}
