namespace Alerts.Server.Tests.Infrastructure;

/// <summary>
/// Tests that read a gauge every node of the process sets (prometheus-net's registry is process-wide)
/// run alone, after the parallel ones, so no other test's node moves it under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideMetrics
{
    public const string Name = "process-wide metrics";
}
