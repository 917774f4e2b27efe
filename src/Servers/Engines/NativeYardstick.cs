namespace KEchoBench.Servers.Engines;

/// <summary>
/// The native C server of an engine's model in <c>scripts/yardsticks</c> (<c>bench --yardsticks</c>
/// runs it beside the engine): its program name, and the <c>--workers</c> it is started with so
/// that it runs as many threads of the model as the engine does by default (null: the model has
/// no fixed number, or the program's own default matches).
/// </summary>
internal sealed record NativeYardstick(string Program, Func<int>? Workers = null);
