namespace KEchoBench.Bench.Check;

/// <summary>Why a read stopped: it got what it asked for, or the server closed, reset, or went quiet, or the reply already ended (or went wrong) short of it.</summary>
internal enum StreamEnd
{
    Complete,
    EndedEarly,
    Closed,
    Reset,
    TimedOut,
}
