using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace KEchoBench.Bench.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet's default out-of-process toolchain (generate a project, build it once, run
/// each case in its own process), told where the suite's project is, and building outside the
/// source tree so that the repository's analyzer and warnings-as-errors settings stay off the
/// generated code.
/// </summary>
internal static class SuiteToolchain
{
    private const string TargetFramework = "net10.0";

    // BenchmarkDotNet's own defaults (the dotnet on PATH, the usual packages folder) are spelled null.
    public static IToolchain Create(FileInfo project, string buildFolder) => new Toolchain(
        "kechobench",
        new Generator(project, buildFolder),
        new DotNetCliBuilder(TargetFramework, customDotNetCliPath: null!, logOutput: false),
        new DotNetCliExecutor(customDotNetCliPath: null!));

    private sealed class Generator : CsProjGenerator
    {
        private readonly FileInfo _project;
        private readonly string _buildFolder;

        public Generator(FileInfo project, string buildFolder)
            : base(TargetFramework, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!, isNetCore: true)
        {
            _project = project;
            _buildFolder = buildFolder;
        }

        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger) => _project;

        protected override string GetBuildArtifactsDirectoryPath(BuildPartition buildPartition, string programName) =>
            Path.Combine(_buildFolder, programName);
    }
}
