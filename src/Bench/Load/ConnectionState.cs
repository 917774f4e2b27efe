namespace KEchoBench.Bench.Load;

internal enum ConnectionState
{
    Closed,
    Connecting,
    Open,
    Failed,
}
