namespace Alerts.Server.Newsroom;

/// <summary>
/// The one order every change of the newsroom is judged in: what it acts on, the key's role and edition (the
/// alert's and the request's), the <c>Idempotency-Key</c>, validation, the approval rule, the near-duplicate guard,
/// storage, the audit line. Use cases supply the steps (<see cref="GateSteps"/>); none of them sequences its own, so
/// a new path cannot forget or reorder one. A refusal at any step stores nothing.
/// </summary>
internal static class Gate
{
    /// <summary>How often a change is judged again when another change of the alert lands between its read and its store.</summary>
    public const int Attempts = 5;

    public static async Task<NewsroomResult> RunAsync(GateSteps steps, CancellationToken cancellationToken)
    {
        NewsroomResult? result = null;
        try
        {
            for (var attempt = 1; result is null; attempt++)
            {
                result = await steps.LoadAsync(cancellationToken)
                    ?? await steps.AuthorizeAsync(cancellationToken)
                    ?? await steps.ReplayOrClaimAsync(cancellationToken)
                    ?? await steps.ValidateAsync(cancellationToken)
                    ?? await steps.ApplyApprovalRuleAsync(cancellationToken)
                    ?? await steps.GuardAsync(cancellationToken)
                    ?? await StoreAndAuditAsync(steps, cancellationToken);
                if (result is null && attempt == Attempts)
                {
                    result = steps.Stale();
                }
            }
        }
        catch (Exception)
        {
            await steps.EndAsync(null, cancellationToken);
            throw;
        }

        await steps.EndAsync(result, cancellationToken);
        return result;
    }

    private static async Task<NewsroomResult?> StoreAndAuditAsync(GateSteps steps, CancellationToken cancellationToken)
    {
        if (await steps.StoreAsync(cancellationToken) is not { } stored)
        {
            return null;
        }

        if (stored.Outcome != NewsroomOutcome.Refused)
        {
            await steps.AuditAsync(stored, cancellationToken);
        }

        return stored;
    }
}
