namespace KEchoBench.Bench.Results;

/// <summary>
/// The server's threads and memory over one round. <c>bench</c> watches the server while the
/// round runs and gives the peak (a thread per client at 1000 clients is over by the time the
/// round ends); <c>load</c>, which does not watch, gives them as read at the round's end. The
/// server's CPU time is not here: the load generator reads it at the round's own edges
/// (<see cref="RoundOutcome.ServerCpu"/>).
/// </summary>
internal sealed record ServerWindow(int Threads, long RssBytes);
