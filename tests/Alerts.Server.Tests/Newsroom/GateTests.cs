using Alerts.Core.Alerts;
using Alerts.Server.Newsroom;
using Microsoft.AspNetCore.Http;

namespace Alerts.Server.Tests.Newsroom;

/// <summary>
/// The gate, alone: whatever steps a use case supplies, they run in the one order (what it acts on, role and edition,
/// the Idempotency-Key, validation, the approval rule, the near-duplicate guard, storage, audit), a refusal at any step
/// ends the request there with nothing stored, and a change that lost the race to store is judged again from the start.
/// </summary>
public sealed class GateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly string[] Order = ["load", "authorize", "idempotency", "validate", "approval", "guard", "store", "audit"];

    [Fact]
    public async Task EveryStepRunsInTheOneOrderAndTheRequestEndsWithItsResult()
    {
        var steps = new RecordingSteps();

        var result = await Gate.RunAsync(steps, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal([.. Order, "end:Settled"], steps.Calls);
        Assert.Equal(NewsroomOutcome.Settled, result.Outcome);
    }

    [Theory]
    [InlineData("load")]
    [InlineData("authorize")]
    [InlineData("idempotency")]
    [InlineData("validate")]
    [InlineData("approval")]
    [InlineData("guard")]
    [InlineData("store")]
    public async Task ARefusalEndsTheRequestAtItsStepAndNothingAfterItRuns(string refusingStep)
    {
        var steps = new RecordingSteps { Refuses = refusingStep };

        var result = await Gate.RunAsync(steps, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(NewsroomOutcome.Refused, result.Outcome);
        Assert.Equal([.. Order.TakeWhile(s => s != refusingStep), refusingStep, "end:Refused"], steps.Calls);
    }

    [Fact]
    public async Task ARefusedEditionComesBeforeTheReplayAndTheReplayBeforeValidation()
    {
        var refusedEdition = new RecordingSteps { Refuses = "authorize", Replays = true };
        var replayed = new RecordingSteps { Replays = true };

        await Gate.RunAsync(refusedEdition, CancellationToken.None).WaitAsync(Timeout);
        var replay = await Gate.RunAsync(replayed, CancellationToken.None).WaitAsync(Timeout);

        Assert.DoesNotContain("idempotency", refusedEdition.Calls);
        Assert.Equal(["load", "authorize", "idempotency", "end:Published"], replayed.Calls);
        Assert.True(replay.Replayed);
    }

    [Fact]
    public async Task AChangeThatLostTheRaceIsJudgedAgainFromWhatItActsOnAndGivesUpAfterSoManyAttempts()
    {
        var once = new RecordingSteps { StaleStores = 1 };
        var always = new RecordingSteps { StaleStores = int.MaxValue };

        var stored = await Gate.RunAsync(once, CancellationToken.None).WaitAsync(Timeout);
        var gaveUp = await Gate.RunAsync(always, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(NewsroomOutcome.Settled, stored.Outcome);
        Assert.Equal([.. Order[..^1], .. Order, "end:Settled"], once.Calls);
        Assert.Equal(Gate.Attempts, always.Calls.Count(c => c == "load"));
        Assert.Equal(NewsroomOutcome.Refused, gaveUp.Outcome);
        Assert.DoesNotContain("audit", always.Calls);
    }

    [Fact]
    public async Task ARequestThatFailsStillEndsSoItsIdempotencyKeyIsNotLeftInFlight()
    {
        var steps = new RecordingSteps { Throws = true };

        await Assert.ThrowsAsync<TimeoutException>(() => Gate.RunAsync(steps, CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal([.. Order[..^2], "store", "end:failed"], steps.Calls);
    }

    [Fact]
    public async Task AReadRunsTheSameOrderWithItsOwnResultAndARefusedEditionEndsItBeforeValidation()
    {
        var answered = new ReadSteps();
        var refused = new ReadSteps { RefusesEdition = true };

        var answer = await Gate.RunAsync(answered, CancellationToken.None).WaitAsync(Timeout);
        var refusal = await Gate.RunAsync(refused, CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(["load", "authorize", "validate", "answer"], answered.Calls);
        Assert.Equal("answer", answer.Answer);
        Assert.Equal(["load", "authorize"], refused.Calls);
        Assert.Equal(StatusCodes.Status403Forbidden, refusal.Problem!.StatusCode);
    }

    private sealed class ReadSteps : GateSteps<ReadResult<string>>
    {
        public List<string> Calls { get; } = [];

        public bool RefusesEdition { get; init; }

        public override Task<ReadResult<string>?> LoadAsync(CancellationToken cancellationToken) => Step("load");

        public override Task<ReadResult<string>?> AuthorizeAsync(CancellationToken cancellationToken) =>
            Step("authorize", RefusesEdition ? ReadResult<string>.Refused(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden)) : null);

        public override Task<ReadResult<string>?> ValidateAsync(CancellationToken cancellationToken) => Step("validate");

        public override Task<ReadResult<string>?> StoreAsync(CancellationToken cancellationToken) => Step("answer", new ReadResult<string>("answer"));

        private Task<ReadResult<string>?> Step(string name, ReadResult<string>? result = null)
        {
            Calls.Add(name);
            return Task.FromResult(result);
        }
    }

    private sealed class RecordingSteps : GateSteps<NewsroomResult>
    {
        private static readonly NewsroomResult Refusal = NewsroomResult.Refused(403, "No.", null);

        private static readonly NewsroomResult Stored = NewsroomResult.Settled(new Alert
        {
            Id = "a", Edition = "en", PublishedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, ExpiresAt = DateTimeOffset.UnixEpoch,
        });

        public List<string> Calls { get; } = [];

        public string? Refuses { get; init; }

        public bool Replays { get; init; }

        public int StaleStores { get; set; }

        public bool Throws { get; init; }

        public override Task<NewsroomResult?> LoadAsync(CancellationToken cancellationToken) => Step("load");

        public override Task<NewsroomResult?> AuthorizeAsync(CancellationToken cancellationToken) => Step("authorize");

        public override Task<NewsroomResult?> ReplayOrClaimAsync(CancellationToken cancellationToken) =>
            Replays && Refuses is null ? Step("idempotency", NewsroomResult.Published(new StoredEvent(1, "{}"), "a", replayed: true)) : Step("idempotency");

        public override Task<NewsroomResult?> ValidateAsync(CancellationToken cancellationToken) => Step("validate");

        public override Task<NewsroomResult?> ApplyApprovalRuleAsync(CancellationToken cancellationToken) => Step("approval");

        public override Task<NewsroomResult?> GuardAsync(CancellationToken cancellationToken) => Step("guard");

        public override Task<NewsroomResult?> StoreAsync(CancellationToken cancellationToken)
        {
            if (Throws)
            {
                Calls.Add("store");
                throw new TimeoutException("The replica did not confirm.");
            }

            if (StaleStores > 0 && Refuses != "store")
            {
                StaleStores--;
                Calls.Add("store");
                return Task.FromResult<NewsroomResult?>(null);
            }

            return Step("store", Refuses == "store" ? Refusal : Stored);
        }

        public override Task AuditAsync(NewsroomResult stored, CancellationToken cancellationToken)
        {
            Calls.Add("audit");
            return Task.CompletedTask;
        }

        public override Task EndAsync(NewsroomResult? result, CancellationToken cancellationToken)
        {
            Calls.Add($"end:{result?.Outcome.ToString() ?? "failed"}");
            return Task.CompletedTask;
        }

        private Task<NewsroomResult?> Step(string name, NewsroomResult? result = null)
        {
            Calls.Add(name);
            return Task.FromResult(Refuses == name ? Refusal : result);
        }
    }
}
