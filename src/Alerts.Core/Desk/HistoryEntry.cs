namespace Alerts.Core.Desk;

/// <summary>One action on one alert, as <c>GET /api/v1/alerts/{id}/history</c> lists it.</summary>
public sealed record HistoryEntry
{
    public required DateTimeOffset At { get; init; }

    /// <summary>The key that acted; <c>scheduler</c> when the server acted on its own (expiry, a due publication).</summary>
    public required string Actor { get; init; }

    /// <summary>Who <see cref="Actor"/> is: a person or a key, with a stable id.</summary>
    public Actor? By { get; init; }

    public required DeskAction Action { get; init; }

    public string? Detail { get; init; }
}
