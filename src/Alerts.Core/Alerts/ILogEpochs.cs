namespace Alerts.Core.Alerts;

/// <summary>
/// The epoch of each edition's log: a short string naming its current life. The append path creates
/// it with the first event; a node that sees the log go backwards moves it on.
/// </summary>
public interface ILogEpochs
{
    /// <summary>The edition's current epoch, or an empty string while its log has none.</summary>
    Task<string> ReadAsync(string edition, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the edition to a new epoch if it is still <paramref name="fromEpoch"/> (compare and set:
    /// among nodes that all saw the same rewind, one wins); returns the epoch current afterwards.
    /// </summary>
    Task<string> MoveOnAsync(string edition, string fromEpoch, CancellationToken cancellationToken);
}
