namespace Alerts.Server.Tests.Deploy;

/// <summary>
/// Tests that run a whole build (a restore, a publish, npm) take both cores for a minute: they run
/// alone, after the parallel tests, so they do not starve other tests' timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeavyBuildCollection
{
    public const string Name = "Heavy builds";
}
