using System.Globalization;
using System.Net;
using Akka.Configuration;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The one place the cluster's HOCON is written: the same for agents and coordinators but for the
/// address, the roles and how much is logged. Membership, failure detection and downing are
/// Akka.Cluster's own; the values chosen here are the only tuning.
/// </summary>
internal static class ClusterConfig
{
    /// <summary>Every node's actor system has this name: Akka addresses are akka.tcp://kechobench@HOST:PORT.</summary>
    public const string SystemName = "kechobench";

    /// <summary>The agent's default port (Akka.Remote's conventional 4053).</summary>
    public const int DefaultPort = 4053;

    /// <summary>
    /// The failure detector may miss heartbeats for this long before it suspects a node: long
    /// enough for a 2-core host saturated by a load round (GC and scheduling pauses), short enough
    /// that a dead agent fails its round within seconds.
    /// </summary>
    public static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromSeconds(5);

    /// <summary>How long, at most, from an agent's death to the coordinator knowing it: the pause plus a few heartbeats.</summary>
    public static readonly TimeSpan DetectionTime = AcceptableHeartbeatPause + TimeSpan.FromSeconds(5);

    public static Config Build(IPAddress bind, int port, IEnumerable<string> roles, bool verbose)
    {
        string host = bind.ToString();
        string roleList = string.Join(", ", roles.Select(r => $"\"{r}\""));
        string level = verbose ? "INFO" : "WARNING";
        string hocon = $$"""
            akka {
              loglevel = {{level}}
              stdout-loglevel = {{level}}
              log-dead-letters = off
              log-dead-letters-during-shutdown = off
              actor {
                provider = cluster
                # Our messages are plain records; Akka's JSON serializer carries them.
                serialize-messages = off
              }
              remote {
                log-remote-lifecycle-events = off
                dot-netty.tcp {
                  hostname = "{{host}}"
                  public-hostname = "{{host}}"
                  port = {{port.ToString(CultureInfo.InvariantCulture)}}
                  # A round's result carries encoded histograms and, for a burst, one figure per client.
                  maximum-frame-size = 16000000b
                  send-buffer-size = 16000000b
                  receive-buffer-size = 16000000b
                }
              }
              cluster {
                roles = [{{roleList}}]
                log-info = {{(verbose ? "on" : "off")}}
                failure-detector {
                  heartbeat-interval = 1s
                  acceptable-heartbeat-pause = {{(int)AcceptableHeartbeatPause.TotalSeconds}}s
                }
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = 5s
                }
              }
              coordinated-shutdown.run-by-clr-shutdown-hook = on
            }
            """;
        return ConfigurationFactory.ParseString(hocon);
    }
}
