using System.Security.Claims;
using Alerts.Core.Editions;
using Alerts.Core.Serialization;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Alerts.Server.Push;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Judgement;

/// <summary>Who an alert would reach: live ticker readers on every node and registered devices.</summary>
internal static class AudienceEndpoints
{
    // The probe only carries what targeting reads; the rules still validate every field by name.
    private const string ProbeHeadline = "audience";

    public static IEndpointRouteBuilder MapAudienceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/editions/{edition}/audience", GetAudienceAsync)
            .RequireAuthorization(Policies.Editor)
            .WithName("GetAudience")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static async Task<Results<Ok<AudienceResponse>, ProblemHttpResult>> GetAudienceAsync(
        string edition,
        string[]? sections,
        string[]? regions,
        string? urgency,
        ClaimsPrincipal user,
        Taxonomy taxonomy,
        AlertRules rules,
        LiveReaders readers,
        IDeviceAudience devices,
        PushStatus push,
        TimeProvider time,
        DeskGuard guard,
        CancellationToken cancellationToken)
    {
        if (!taxonomy.Editions.ContainsKey(edition))
        {
            return Problems.UnknownEdition(edition, taxonomy);
        }

        if (await guard.CheckEditionAsync(user, edition, null, "audience", cancellationToken) is { } refused)
        {
            return refused;
        }

        var errors = new ValidationErrors();
        var draft = new AlertDraft
        {
            Edition = edition,
            Headline = ProbeHeadline,
            Urgency = urgency,
            Sections = SplitList(sections),
            Regions = SplitList(regions),
            Push = true,
        };
        var now = UtcTimestampConverter.Truncate(time.GetUtcNow());
        if (rules.Publish(draft, "audience", DeskGuard.GrantOf(user).Name, now, errors) is not { } probe)
        {
            return Problems.Validation(errors);
        }

        var live = readers.CountAsync(edition, cancellationToken);
        var reached = devices.CountAsync(probe, cancellationToken);
        await Task.WhenAll(live, reached);
        return TypedResults.Ok(new AudienceResponse(
            edition,
            probe.Sections,
            probe.Regions,
            probe.Urgency,
            live.Result.Readers,
            live.Result.Nodes,
            new DeviceAudienceResponse(devices.Mode, push.IsEnabled, reached.Result)));
    }

    /// <summary><c>sections=a,b</c> and <c>sections=a&amp;sections=b</c> both work; absent is "none".</summary>
    private static string[]? SplitList(string[]? values) =>
        values?.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
