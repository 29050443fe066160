namespace Alerts.Server.Judgement;

/// <summary>
/// One source of the lines a new headline must not repeat. The guard reads every registered
/// source: the published lines (<see cref="PublishedWindowLines"/>) and, from the desk, the
/// pending and scheduled ones.
/// </summary>
internal interface IWindowLines
{
    /// <summary>The edition's lines from <paramref name="since"/> on.</summary>
    Task<IReadOnlyList<WindowLine>> ReadAsync(string edition, DateTimeOffset since, CancellationToken cancellationToken);
}
