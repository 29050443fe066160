using System.Text.Json;
using Alerts.Core.Alerts;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Judgement;

namespace Alerts.Server.Newsroom;

/// <summary>
/// Publishing and submitting, in the gate's one order: the key's role and the edition the request names; the
/// <c>Idempotency-Key</c> (a retry is answered from what the first request stored, before anything is judged
/// again); validation; the approval rule; the near-duplicate guard; storage (the log, or the desk when it
/// waits); the audit line. A refusal stores nothing and frees the key; a request that may have stored its
/// result keeps it.
/// </summary>
internal sealed class Publishing(
    AlertRules rules,
    IAlertLog log,
    IdempotencyGate idempotency,
    AlertIdGenerator ids,
    DuplicateGuard duplicates,
    RedisStories stories,
    RedisWaitingAlerts waiting,
    NewsDesk desk,
    DeskGuard guard,
    Taxonomy taxonomy)
{
    public async Task<NewsroomResult> PublishAsync(PublishCommand command, CancellationToken cancellationToken)
    {
        var grant = DeskGuard.GrantOf(command.User);
        if (command.IdempotencyKey is { } key && !IdempotencyGate.IsWellFormed(key))
        {
            return NewsroomResult.Refused(Problems.Validation("Idempotency-Key", "must be 1-255 visible ASCII characters."));
        }

        // The edition the request names, judged before anything else; one that does not exist is for validation to name.
        var edition = DraftFields.EditionNamedBy(command.Body.Root, taxonomy);
        if (edition is not null && await guard.CheckEditionAsync(command.User, edition, null, "publish", cancellationToken) is { } refused)
        {
            return NewsroomResult.Refused(refused);
        }

        if (command.IdempotencyKey is null)
        {
            return await JudgeAndStoreAsync(command, grant, null, () => { }, cancellationToken);
        }

        var idempotencyId = IdempotencyGate.IdOf(grant.Name, command.IdempotencyKey);
        var body = command.Body.Bytes;
        switch (await idempotency.ClaimAsync(idempotencyId, body, cancellationToken))
        {
            case IdempotencyClaim.Mismatch:
                return KeyReused();
            case IdempotencyClaim.InFlight:
                return NewsroomResult.Refused(Problems.Status(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                    "Retry in a moment to get its response.")) with { RetryAfter = TimeSpan.FromSeconds(1) };
        }

        var mayBeStored = false;
        try
        {
            // Claimed or completed alike: a first attempt that failed after storing (a 503 while the replica
            // lagged) freed nothing it stored, and its retry must get that alert, not be judged against it.
            if (edition is not null && await ReplayAsync(edition, idempotencyId, IdempotencyGate.BodyHash(body), cancellationToken) is { } replay)
            {
                if (replay.Outcome != NewsroomOutcome.Refused)
                {
                    await idempotency.CompleteAsync(idempotencyId, body, cancellationToken);
                }

                return replay;
            }

            var result = await JudgeAndStoreAsync(command, grant, idempotencyId, () => mayBeStored = true, cancellationToken);
            if (result.Outcome == NewsroomOutcome.Refused)
            {
                await idempotency.SettleAsync(idempotencyId, body, mayBeStored);
            }
            else
            {
                await idempotency.CompleteAsync(idempotencyId, body, cancellationToken);
            }

            return result;
        }
        catch (Exception)
        {
            // Whatever ended the request (Redis failing over, a replica not confirming, the client leaving), the key
            // must not stay "in flight": the retry is the way out. Not awaited: settling may have to outlast the
            // failover, and the client is told to retry now.
            _ = idempotency.SettleAsync(idempotencyId, body, mayBeStored);
            throw;
        }
    }

    private async Task<NewsroomResult> JudgeAndStoreAsync(
        PublishCommand command, KeyGrant grant, string? idempotencyId, Action storing, CancellationToken cancellationToken)
    {
        var root = command.Body.Root;
        var errors = new ValidationErrors();
        var draft = DraftFields.Read(root, errors, out var allowDuplicate);
        var now = desk.Now();
        var publishAt = WaitingLife.ParsePublishAt(new JsonFields(root, errors).String("publishAt"), now, errors);
        var alert = rules.Publish(draft, ids.Next(now), grant.Name, now, errors);
        if (alert is null)
        {
            return NewsroomResult.Refused(Problems.Validation(errors));
        }

        var step = desk.Life.Submit(alert, grant.Role, publishAt, now);
        if (await duplicates.RefuseAsync(alert, allowDuplicate, cancellationToken) is { } duplicate)
        {
            return NewsroomResult.Refused(duplicate);
        }

        await stories.LinkAsync(alert, cancellationToken);
        storing();
        if (step.Outcome == DeskOutcome.Wait)
        {
            var held = await desk.HoldAsync(step, grant.Who, now, allowDuplicate,
                idempotencyId is null ? null : (idempotencyId, IdempotencyGate.BodyHash(command.Body.Bytes)), cancellationToken);
            return held.Kind switch
            {
                DeskResultKind.Waiting => NewsroomResult.Waiting(held.Alert!, held.Replayed),
                DeskResultKind.IdempotencyMismatch => KeyReused(),
                _ => NewsroomResult.Refused(Problems.Status(StatusCodes.Status409Conflict, "Someone else handled the alert first.", "Read it again to see what happened.")),
            };
        }

        var alertEvent = new AlertEvent { Type = AlertEventType.Published, Edition = alert.Edition, At = now, Alert = alert, Actor = alert.Author };
        var appended = await log.AppendAsync(alertEvent, 0, idempotencyId, cancellationToken);
        if (appended.Outcome == AppendOutcome.Replayed)
        {
            return NewsroomResult.Published(appended.Event, AlertIdOf(appended.Event), replayed: true);
        }

        await desk.RecordAsync(alert, alert.Author, [DeskAction.Published], alert.PublishedAt, $"seq {appended.Event.Seq}", cancellationToken);
        return NewsroomResult.Published(appended.Event, alert.Id, replayed: false);
    }

    /// <summary>The first outcome stored under the key in <paramref name="edition"/>: the published event, or the submission that waits.</summary>
    private async Task<NewsroomResult?> ReplayAsync(string edition, string idempotencyId, string bodyHash, CancellationToken cancellationToken)
    {
        if (await log.ReplayAsync(edition, idempotencyId, cancellationToken) is { } appended)
        {
            return NewsroomResult.Published(appended.Event, AlertIdOf(appended.Event), replayed: true);
        }

        if (await waiting.FindIdempotentAsync(edition, idempotencyId, cancellationToken) is not { } submitted)
        {
            return null;
        }

        var separator = submitted.IndexOf(':', StringComparison.Ordinal);
        if (submitted[..separator] != bodyHash)
        {
            return KeyReused();
        }

        // Answered as it was (202), with what became of the alert since: still waiting, ended, or published.
        var alertId = submitted[(separator + 1)..];
        var alert = (await waiting.FindAsync(edition, alertId, cancellationToken))?.Record.Alert ?? (await log.FindAsync(alertId, cancellationToken))?.Alert;
        return alert is null ? null : NewsroomResult.Waiting(alert, replayed: true);
    }

    private static NewsroomResult KeyReused() =>
        NewsroomResult.Refused(Problems.Status(StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used with a different body.",
            "Use a new key for a new alert; resend the same body to get the first response."));

    // A replay answers with the first request's alert, whose id is only in the stored event.
    private static string AlertIdOf(StoredEvent storedEvent)
    {
        using var document = JsonDocument.Parse(storedEvent.Json);
        return document.RootElement.GetProperty("alert").GetProperty("id").GetString()!;
    }
}
