using KEchoBench.Bench.Gate;
using KEchoBench.Tests.Support;
using Xunit;

namespace KEchoBench.Tests.Gate;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BaseServerTests
{
    [Fact]
    public void A_dll_is_run_with_dotnet()
    {
        Assert.True(BaseServer.TryParse(KEchoBenchProcess.DllPath, out var server, out _));
        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(server!.FileName));
        Assert.Equal([Path.GetFullPath(KEchoBenchProcess.DllPath)], server.Prefix);
    }

    [Fact]
    public void An_executable_is_run_as_it_is_and_a_plain_file_is_refused()
    {
        string file = Path.Combine(Path.GetTempPath(), $"base-{Guid.NewGuid():N}");
        File.WriteAllText(file, "#!/bin/sh\n");
        try
        {
            Assert.False(BaseServer.TryParse(file, out _, out string error));
            Assert.Contains("not executable", error, StringComparison.Ordinal);

            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            Assert.True(BaseServer.TryParse(file, out var server, out _));
            Assert.Equal(file, server!.FileName);
            Assert.Empty(server.Prefix);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
