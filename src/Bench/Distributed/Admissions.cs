using System.Collections.Concurrent;
using Akka.Actor;

namespace KEchoBench.Bench.Distributed;

/// <summary>
/// The members this node's gate has admitted (they proved they hold the secret). Written by the
/// gate alone; read by this node's agent actors before they obey a command, and by the
/// coordinator while it waits for its agents.
/// </summary>
internal sealed class Admissions
{
    private readonly ConcurrentDictionary<Address, bool> _admitted = new();

    public event Action<Address>? Admitted;

    public event Action<Address, string>? Refused;

    public bool IsAdmitted(Address address) => _admitted.ContainsKey(address);

    public void Admit(Address address)
    {
        if (_admitted.TryAdd(address, true))
        {
            Admitted?.Invoke(address);
        }
    }

    public void Remove(Address address) => _admitted.TryRemove(address, out _);

    public void Refuse(Address address, string why) => Refused?.Invoke(address, why);
}
