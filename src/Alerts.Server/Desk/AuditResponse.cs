using Alerts.Core.Desk;

namespace Alerts.Server.Desk;

/// <summary>
/// The body of <c>GET /api/v1/audit</c>: entries oldest first (newest last); <see cref="Next"/> is the cursor for
/// the following page (<c>after=</c>), <see cref="Previous"/> the one for the page before (<c>before=</c>).
/// </summary>
internal sealed record AuditResponse(IReadOnlyList<AuditEntry> Entries, long? Next, long? Previous, long LatestSeq);
