using Alerts.Server.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Push.Targets;

/// <summary>
/// The problem+json of a new registration refused because the embedded store holds its cap.
/// 507 Insufficient Storage ("unable to store the representation needed to complete the request", RFC 4918),
/// not 503: a 503, with or without <c>Retry-After</c>, tells a client and its retry policy that the service is
/// back soon, and apps that register at every start would keep trying on that promise; but a place frees only
/// when devices unregister or lapse, or when the operator moves to Redis. Not 409 either: nothing in the request
/// is in conflict or could be changed to succeed. A 5xx also shows in the server's error rate, where an SRE looks.
/// </summary>
internal static class RegistrationCapProblem
{
    /// <summary>Resolved against the server, like any URI reference.</summary>
    public const string Type = "/api/v1/problems/registrations-full";

    public const string Setting = $"{EmbeddedStoreOptions.SectionName}:{nameof(EmbeddedStoreOptions.MaxRegistrations)}";

    public static ProblemHttpResult For(long limit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status507InsufficientStorage,
            type: Type,
            title: "This server holds as many device registrations as it can take.",
            detail: $"The embedded store holds at most {limit} device registrations ({Setting}) and holds that many: "
                + "nothing was stored. Registered devices can still renew or unregister. A deployment beyond this configures "
                + "Redis (ConnectionStrings:Redis): see docs/operations.md, \"How many devices the embedded store takes\".",
            extensions: new Dictionary<string, object?>
            {
                ["setting"] = Setting,
                ["limit"] = limit,
            });
}
