using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using KEchoBench.Bench.Distributed.Protocol;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The check at join. Every node runs one gate (<c>/user/gate</c>). When a member comes up, the
/// gate sends it a fresh nonce; the member's gate answers with the proof that it holds the
/// secret. A member that answers correctly is admitted; one that answers wrongly or not within
/// <see cref="AnswerTimeout"/> is refused, logged, and downed, so that Akka removes it from the
/// cluster. Nothing else is home-made: membership and its events are Akka.Cluster's.
/// </summary>
internal sealed class Gatekeeper : ReceiveActor, IWithTimers
{
    public const string Name = "gate";

    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);

    private readonly ClusterSecret _secret;
    private readonly Admissions _admissions;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<Address, string> _pending = [];
    private readonly bool _downRefused;

    /// <param name="downRefused">Agents down a member they refuse; a coordinator only refuses to use it (it must not down the agents of a cluster it failed to enter).</param>
    public Gatekeeper(ClusterSecret secret, Admissions admissions, bool downRefused)
    {
        _downRefused = downRefused;
        _secret = secret;
        _admissions = admissions;
        Receive<ClusterEvent.MemberUp>(up => ChallengeMember(up.Member.Address));
        Receive<ClusterEvent.MemberJoined>(_ => { });
        Receive<ClusterEvent.MemberRemoved>(removed => Forget(removed.Member.Address));
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<Challenge>(Answer);
        Receive<ChallengeAnswer>(Check);
        Receive<AnswerOverdue>(overdue =>
        {
            if (_pending.Remove(overdue.Member))
            {
                RefuseMember(overdue.Member, $"no answer to the secret's challenge within {AnswerTimeout.TotalSeconds:0} s");
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ClusterSecret secret, Admissions admissions, bool downRefused) =>
        Akka.Actor.Props.Create(() => new Gatekeeper(secret, admissions, downRefused));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.IMemberEvent));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private void ChallengeMember(Address member)
    {
        if (member.Equals(_cluster.SelfAddress) || _admissions.IsAdmitted(member) || _pending.ContainsKey(member))
        {
            return;
        }

        string nonce = ClusterSecret.NewNonce();
        _pending[member] = nonce;
        Context.ActorSelection(new RootActorPath(member) / "user" / Name).Tell(new Challenge(nonce), Self);
        Timers.StartSingleTimer(member, new AnswerOverdue(member), AnswerTimeout);
    }

    private void Answer(Challenge challenge)
    {
        var challenger = Sender.Path.Address;
        Sender.Tell(new ChallengeAnswer(challenge.Nonce, _secret.Prove(challenge.Nonce, challenger.ToString(), _cluster.SelfAddress.ToString())), Self);
    }

    private void Check(ChallengeAnswer answer)
    {
        var member = Sender.Path.Address;
        if (!_pending.TryGetValue(member, out string? nonce) || nonce != answer.Nonce)
        {
            _log.Warning("kechobench gate: ignored an answer from {0} to a challenge it was not sent", member);
            return;
        }

        _pending.Remove(member);
        if (_secret.Verify(nonce, _cluster.SelfAddress.ToString(), member.ToString(), answer.Proof))
        {
            _admissions.Admit(member);
            _log.Info("kechobench gate: admitted {0} (it holds the cluster's secret)", member);
        }
        else
        {
            RefuseMember(member, "its proof of the secret is wrong (a different secret)");
        }
    }

    private void RefuseMember(Address member, string why)
    {
        // Logged at warning so that an agent's log shows every refusal whatever its verbosity.
        _log.Warning("kechobench gate: refused {0}: {1}{2}", member, why, _downRefused ? "; downing it" : string.Empty);
        _admissions.Refuse(member, why);
        if (_downRefused)
        {
            _cluster.Down(member);
        }
    }

    private void Forget(Address member)
    {
        _pending.Remove(member);
        _admissions.Remove(member);
    }

    private sealed record AnswerOverdue(Address Member);
}
