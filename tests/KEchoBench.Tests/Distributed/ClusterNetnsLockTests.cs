using Xunit;

namespace KEchoBench.Tests.Distributed;

/// <summary>
/// The netns fixture keeps two test runs on one machine out of each other's namespaces by an
/// exclusive open of a lock file; this holds the runtime to the behaviour it relies on (a second
/// exclusive open fails while the first is held, and succeeds once it is released).
/// </summary>
public sealed class ClusterNetnsLockTests
{
    [Fact]
    public void An_exclusive_open_keeps_a_second_one_out_until_it_is_released()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kechobench-lock-test-{Guid.NewGuid():N}");
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                Assert.Throws<IOException>(() => new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }

            using var again = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            Assert.True(again.CanWrite);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
