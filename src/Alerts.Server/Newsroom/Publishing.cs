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
/// Publishing and submitting, through the <see cref="Gate"/>: the edition the request names; the <c>Idempotency-Key</c>
/// (a retry is answered from what the first request stored, before anything is judged again); validation; the approval
/// rule; the near-duplicate guard; storage (the log, or the desk when it waits); the audit line. A refusal stores
/// nothing and frees the key; a request that may have stored its result keeps it.
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
    private AlertRules Rules { get; } = rules;

    private IAlertLog Log { get; } = log;

    private IdempotencyGate Idempotency { get; } = idempotency;

    private AlertIdGenerator Ids { get; } = ids;

    private DuplicateGuard Duplicates { get; } = duplicates;

    private RedisStories Stories { get; } = stories;

    private RedisWaitingAlerts Waiting { get; } = waiting;

    private NewsDesk Desk { get; } = desk;

    private DeskGuard Guard { get; } = guard;

    private Taxonomy Taxonomy { get; } = taxonomy;

    public Task<NewsroomResult> PublishAsync(PublishCommand command, CancellationToken cancellationToken) =>
        Gate.RunAsync(new Steps(this, command), cancellationToken);

    private sealed class Steps(Publishing use, PublishCommand command) : GateSteps<NewsroomResult>
    {
        private readonly KeyGrant _grant = DeskGuard.GrantOf(command.User);
        private string? _edition;
        private string? _idempotencyId;
        private bool _replayed;
        private bool _mayBeStored;
        private bool _allowDuplicate;
        private DateTimeOffset _now;
        private DateTimeOffset? _publishAt;
        private Alert _alert = null!;
        private DeskStep _step = null!;
        private long? _appendedSeq;

        private byte[] Body => command.Body.Bytes;

        /// <summary>The edition the request names; one that does not exist is for validation to name.</summary>
        public override async Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken)
        {
            _edition = DraftFields.EditionNamedBy(command.Body.Root, use.Taxonomy);
            return _edition is null ? null : await OutsideEditionAsync(use.Guard, command.User, _edition, null, "publish", cancellationToken);
        }

        public override async Task<NewsroomResult?> ReplayOrClaimAsync(CancellationToken cancellationToken)
        {
            if (command.IdempotencyKey is not { } key)
            {
                return null;
            }

            if (!IdempotencyGate.IsWellFormed(key))
            {
                return NewsroomResult.Refused(Problems.Validation("Idempotency-Key", "must be 1-255 visible ASCII characters."));
            }

            var idempotencyId = IdempotencyGate.IdOf(_grant.Name, key);
            switch (await use.Idempotency.ClaimAsync(idempotencyId, Body, cancellationToken))
            {
                case IdempotencyClaim.Mismatch:
                    return NewsroomResult.KeyReused();
                case IdempotencyClaim.InFlight:
                    return NewsroomResult.Refused(StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                        "Retry in a moment to get its response.") with { RetryAfter = TimeSpan.FromSeconds(1) };
            }

            // Claimed or completed alike: a first attempt that failed after storing (a 503 while the replica
            // lagged) freed nothing it stored, and its retry must get that alert, not be judged against it.
            _idempotencyId = idempotencyId;
            var replay = _edition is null ? null : await ReplayAsync(_edition, idempotencyId, IdempotencyGate.BodyHash(Body), cancellationToken);
            _replayed = replay is not null;
            return replay;
        }

        public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken)
        {
            var root = command.Body.Root;
            var errors = new ValidationErrors();
            var draft = DraftFields.Read(root, errors, out _allowDuplicate);
            _now = use.Desk.Now();
            _publishAt = WaitingLife.ParsePublishAt(new JsonFields(root, errors).String("publishAt"), _now, errors);
            if (use.Rules.Publish(draft, use.Ids.Next(_now), _grant.Name, _now, errors) is not { } alert)
            {
                return End(NewsroomResult.Refused(Problems.Validation(errors)));
            }

            _alert = alert;
            return Pass;
        }

        /// <summary>Whether it goes out now or waits: for approval, or for its <c>publishAt</c>.</summary>
        public override Task<NewsroomResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken)
        {
            _step = use.Desk.Life.Submit(_alert, _grant.Role, _publishAt, _now);
            return Pass;
        }

        public override async Task<NewsroomResult?> GuardAsync(CancellationToken cancellationToken) =>
            await use.Duplicates.RefuseAsync(_alert, _allowDuplicate, cancellationToken) is { } duplicate ? NewsroomResult.Refused(duplicate) : null;

        public override async Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
        {
            await use.Stories.LinkAsync(_alert, cancellationToken);
            _mayBeStored = true;
            if (_step.Outcome == DeskOutcome.Wait)
            {
                // The desk writes the waiting alert's history and audit lines with it.
                var held = await use.Desk.HoldAsync(_step, _grant.Who, _now, _allowDuplicate,
                    _idempotencyId is null ? null : (_idempotencyId, IdempotencyGate.BodyHash(Body)), cancellationToken);
                return NewsroomResult.Of(held);
            }

            var alertEvent = new AlertEvent { Type = AlertEventType.Published, Edition = _alert.Edition, At = _now, Alert = _alert, Actor = _alert.Author };
            var appended = await use.Log.AppendAsync(alertEvent, 0, _idempotencyId, cancellationToken);
            if (appended.Outcome == AppendOutcome.Replayed)
            {
                return NewsroomResult.Published(appended.Event, AlertIdOf(appended.Event), replayed: true);
            }

            _appendedSeq = appended.Event.Seq;
            return NewsroomResult.Published(appended.Event, _alert.Id, replayed: false);
        }

        public override Task AuditAsync(NewsroomResult stored, CancellationToken cancellationToken) => _appendedSeq is { } seq
            ? use.Desk.RecordAsync(_alert, _alert.Author, [DeskAction.Published], _alert.PublishedAt, $"seq {seq}", cancellationToken)
            : Task.CompletedTask;

        /// <summary>
        /// Completes the claimed key when the request stored or replayed its result, and frees it when it was refused before
        /// it may have stored anything. Whatever else ended the request (Redis failing over, a replica not confirming, the
        /// client leaving), the key must not stay "in flight": the retry is the way out. That release is not awaited:
        /// settling may have to outlast the failover, and the client is told to retry now.
        /// </summary>
        public override async Task EndAsync(NewsroomResult? result, CancellationToken cancellationToken)
        {
            if (_idempotencyId is not { } id || (_replayed && result?.Outcome == NewsroomOutcome.Refused))
            {
                return;
            }

            if (result is null)
            {
                _ = use.Idempotency.SettleAsync(id, Body, _mayBeStored);
                return;
            }

            if (result.Outcome == NewsroomOutcome.Refused && !_replayed)
            {
                await use.Idempotency.SettleAsync(id, Body, _mayBeStored);
                return;
            }

            try
            {
                await use.Idempotency.CompleteAsync(id, Body, cancellationToken);
            }
            catch (Exception)
            {
                _ = use.Idempotency.SettleAsync(id, Body, _mayBeStored);
                throw;
            }
        }

        /// <summary>The first outcome stored under the key in <paramref name="edition"/>: the published event, or the submission that waits.</summary>
        private async Task<NewsroomResult?> ReplayAsync(string edition, string idempotencyId, string bodyHash, CancellationToken cancellationToken)
        {
            if (await use.Log.ReplayAsync(edition, idempotencyId, cancellationToken) is { } appended)
            {
                return NewsroomResult.Published(appended.Event, AlertIdOf(appended.Event), replayed: true);
            }

            if (await use.Waiting.FindIdempotentAsync(edition, idempotencyId, cancellationToken) is not { } submitted)
            {
                return null;
            }

            var separator = submitted.IndexOf(':', StringComparison.Ordinal);
            if (submitted[..separator] != bodyHash)
            {
                return NewsroomResult.KeyReused();
            }

            // Answered as it was (202), with what became of the alert since: still waiting, ended, or published.
            var alertId = submitted[(separator + 1)..];
            var alert = (await use.Waiting.FindAsync(edition, alertId, cancellationToken))?.Record.Alert
                ?? (await use.Log.FindAsync(alertId, cancellationToken))?.Alert;
            return alert is null ? null : NewsroomResult.Waiting(alert, replayed: true);
        }

        // A replay answers with the first request's alert, whose id is only in the stored event.
        private static string AlertIdOf(StoredEvent storedEvent)
        {
            using var document = JsonDocument.Parse(storedEvent.Json);
            return document.RootElement.GetProperty("alert").GetProperty("id").GetString()!;
        }
    }
}
