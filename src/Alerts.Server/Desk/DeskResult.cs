using Alerts.Core.Alerts;

namespace Alerts.Server.Desk;

/// <summary>What carrying out a desk step came to, for the endpoint to answer.</summary>
internal sealed record DeskResult(DeskResultKind Kind, Alert? Alert = null, StoredEvent? Event = null, bool Replayed = false)
{
    public static readonly DeskResult Raced = new(DeskResultKind.Raced);
    public static readonly DeskResult Mismatch = new(DeskResultKind.IdempotencyMismatch);
    public static readonly DeskResult Gone = new(DeskResultKind.Raced);
    public static readonly DeskResult AlreadyPublished = new(DeskResultKind.AlreadyPublished);

    public static DeskResult Waiting(Alert alert, bool replayed = false) => new(DeskResultKind.Waiting, alert, Replayed: replayed);

    public static DeskResult Ended(Alert alert) => new(DeskResultKind.Ended, alert);

    public static DeskResult Published(Alert alert, StoredEvent storedEvent) => new(DeskResultKind.Published, alert, storedEvent);
}
