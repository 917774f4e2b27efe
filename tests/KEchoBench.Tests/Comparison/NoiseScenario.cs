namespace KEchoBench.Tests.Comparison;

/// <summary>
/// A model of iteration-to-iteration noise on a benchmark machine: lognormal scatter with a
/// coefficient of variation, occasional outliers (a scheduler hiccup, a GC pause), and optionally
/// a drift of the whole run (base and head measured minutes apart, the machine state changed).
/// </summary>
internal sealed record NoiseScenario(string Name, double Cv, double OutlierShare = 0, double OutlierFactor = 1, double RunDriftCv = 0);
