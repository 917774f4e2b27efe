using System.Text.Json.Serialization;

namespace KEchoBench.Bench.Gate;

/// <summary>What a paired comparison concluded (Chromium Pinpoint's different / same / need more data).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateOutcome>))]
internal enum GateOutcome
{
    /// <summary>The head is not slower than the base by more than the margin (faster counts here too).</summary>
    Same,

    /// <summary>The head is slower: the paired test says so and the median ratio is beyond the margin.</summary>
    Slower,

    /// <summary>Neither can be said yet: more pairs are needed.</summary>
    Undecided,
}
