namespace Alerts.Core.Desk;

/// <summary>One line of the newsroom's audit log: every action on an alert and every refused attempt.</summary>
public sealed record AuditEntry
{
    /// <summary>The entry's position in the audit log, assigned when it is stored; the paging cursor.</summary>
    public long Seq { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    /// <summary>Who <see cref="Actor"/> is: a person or a key, with a stable id.</summary>
    public Actor? By { get; init; }

    public required DeskAction Action { get; init; }

    /// <summary>The edition acted on, when known (a refused request may not name one).</summary>
    public string? Edition { get; init; }

    public string? AlertId { get; init; }

    public string? Detail { get; init; }

    /// <summary>The HTTP status a refused attempt was answered with.</summary>
    public int? Status { get; init; }
}
