using System.Security.Claims;
using Alerts.Server.Api;
using Alerts.Server.Desk;

namespace Alerts.Server.Newsroom;

/// <summary>
/// What one request of a use case supplies to the <see cref="Gate"/>: each step either lets the request go on (null)
/// or ends it with a result. A use case overrides the steps it has and leaves the others passing; it never decides
/// their order, which is the gate's. A change answers a <see cref="NewsroomResult"/>; a read, which stores nothing,
/// a <see cref="ReadResult{T}"/>, and supplies only what it acts on, authorization, validation and its answer.
/// </summary>
internal abstract class GateSteps<TResult>
    where TResult : class, IGateResult<TResult>
{
    /// <summary>Reads what the request acts on (the alert, the waiting entry): 404 when there is nothing.</summary>
    public virtual Task<TResult?> LoadAsync(CancellationToken cancellationToken) => Pass;

    /// <summary>The key's role and edition, of the alert and of the request: an audited 403 when it may not.</summary>
    public virtual Task<TResult?> AuthorizeAsync(CancellationToken cancellationToken) => Pass;

    /// <summary>The <c>Idempotency-Key</c>: the first outcome replayed, a reuse with another body refused, or the key claimed.</summary>
    public virtual Task<TResult?> ReplayOrClaimAsync(CancellationToken cancellationToken) => Pass;

    /// <summary>The body and the alert's state: 400, 409 or 412.</summary>
    public virtual Task<TResult?> ValidateAsync(CancellationToken cancellationToken) => Pass;

    /// <summary>Who may do it and what must wait: decides whether the change is stored as it is, held, or refused.</summary>
    public virtual Task<TResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken) => Pass;

    /// <summary>The near-duplicate guard.</summary>
    public virtual Task<TResult?> GuardAsync(CancellationToken cancellationToken) => Pass;

    /// <summary>
    /// Stores the change (waiting for the replicas when configured), or for a read gives its answer. Null when what
    /// was judged changed meanwhile (another change of the alert landed first): the gate judges the request again
    /// from <see cref="LoadAsync"/>.
    /// </summary>
    public abstract Task<TResult?> StoreAsync(CancellationToken cancellationToken);

    /// <summary>The history and audit lines of what was stored.</summary>
    public virtual Task AuditAsync(TResult stored, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends the request: <paramref name="result"/> is what it answers, or null when it failed with an exception.</summary>
    public virtual Task EndAsync(TResult? result, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The answer when the change lost every race to store it.</summary>
    public virtual TResult Stale() =>
        TResult.Refused(Problems.Status(StatusCodes.Status409Conflict, "The alert is being changed by someone else.", "Retry the request."));

    /// <summary>The audited 403 when the key may not act on <paramref name="edition"/>; null when it may.</summary>
    protected static async Task<TResult?> OutsideEditionAsync(
        DeskGuard guard, ClaimsPrincipal user, string edition, string? alertId, string attempt, CancellationToken cancellationToken) =>
        await guard.CheckEditionAsync(user, edition, alertId, attempt, cancellationToken) is { } refused ? TResult.Refused(refused) : null;

    protected static Task<TResult?> Pass => Task.FromResult<TResult?>(null);

    protected static Task<TResult?> End(TResult result) => Task.FromResult<TResult?>(result);
}
