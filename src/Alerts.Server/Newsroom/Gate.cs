namespace Alerts.Server.Newsroom;

/// <summary>
/// The one order every change of the newsroom is judged in: what it acts on, the key's role and edition (the
/// alert's and the request's), the <c>Idempotency-Key</c>, validation, the approval rule, the near-duplicate guard,
/// storage, the audit line. Use cases supply the steps (<see cref="GateSteps{TResult}"/>); none of them sequences its own, so
/// a new path cannot forget or reorder one. A refusal at any step stores nothing. The non-public reads (preview, test
/// sends, story reads, the audience) run through it too, with only the steps they have.
/// </summary>
internal static class Gate
{
    /// <summary>How often a change is judged again when another change of the alert lands between its read and its store.</summary>
    public const int Attempts = 5;

    public static async Task<TResult> RunAsync<TResult>(GateSteps<TResult> steps, CancellationToken cancellationToken)
        where TResult : class, IGateResult<TResult>
    {
        TResult? result = null;
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

    private static async Task<TResult?> StoreAndAuditAsync<TResult>(GateSteps<TResult> steps, CancellationToken cancellationToken)
        where TResult : class, IGateResult<TResult>
    {
        if (await steps.StoreAsync(cancellationToken) is not { } stored)
        {
            return null;
        }

        if (!stored.IsRefused)
        {
            await steps.AuditAsync(stored, cancellationToken);
        }

        return stored;
    }
}
