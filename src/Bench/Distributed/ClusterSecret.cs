using System.Security.Cryptography;
using System.Text;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The secret every node of one cluster shares: from <c>--secret-file</c>, else the
/// <c>KECHOBENCH_SECRET</c> environment variable. It never travels: a node proves it holds it by
/// an HMAC over a fresh nonce and the two nodes' addresses, so an answer cannot be replayed to
/// another node nor obtained by asking a member to answer for someone else.
/// </summary>
internal sealed class ClusterSecret
{
    public const string EnvironmentVariable = "KECHOBENCH_SECRET";

    /// <summary>Shorter secrets are refused: the proof is only as strong as the secret.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] _key;

    private ClusterSecret(byte[] key) => _key = key;

    /// <summary>Reads the secret; null with the reason (naming the option) when there is none or it is too short.</summary>
    public static ClusterSecret? Read(FileInfo? file, out string problem)
    {
        problem = string.Empty;
        string? text;
        string source;
        if (file is not null)
        {
            source = "--secret-file " + file.FullName;
            try
            {
                text = File.ReadAllText(file.FullName).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"{source}: {e.Message}";
                return null;
            }
        }
        else
        {
            source = EnvironmentVariable;
            text = Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                problem = $"the cluster needs its shared secret: give --secret-file FILE or set {EnvironmentVariable} (the same on every agent, at least {MinimumLength} characters)";
                return null;
            }
        }

        if (text.Length < MinimumLength)
        {
            problem = $"{source}: the secret must be at least {MinimumLength} characters (it has {text.Length})";
            return null;
        }

        return new ClusterSecret(Encoding.UTF8.GetBytes(text));
    }

    public static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The proof that <paramref name="answerer"/> holds the secret, for <paramref name="challenger"/>'s nonce.</summary>
    public string Prove(string nonce, string challenger, string answerer) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{nonce}|{challenger}|{answerer}")));

    public bool Verify(string nonce, string challenger, string answerer, string proof) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Prove(nonce, challenger, answerer)),
            Encoding.ASCII.GetBytes(proof ?? string.Empty));
}
