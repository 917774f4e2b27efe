namespace KEchoBench.Servers.Limits;

/// <summary>
/// How long an accept loop pauses after a failed accept. A failure such as EMFILE leaves the
/// connection in the backlog, so the listener stays readable and an immediate retry fails again:
/// without a pause a loop spins (millions of failures a second on a level-triggered listener).
/// The pause doubles with each failure in a row, from 1 ms up to 1 s, and a successful accept
/// resets it, so accepting resumes by itself, within a second, once descriptors free.
/// Used by one accept loop at a time.
/// </summary>
internal sealed class AcceptBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(1);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(1);

    private TimeSpan _next = First;

    /// <summary>The pause before the next attempt; each call in a row doubles it up to <see cref="Longest"/>.</summary>
    public TimeSpan Failed()
    {
        var pause = _next;
        _next = _next * 2 > Longest ? Longest : _next * 2;
        return pause;
    }

    public void Succeeded() => _next = First;
}
