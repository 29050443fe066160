using System.Security.Claims;
using System.Text.Json;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Alerts.Server.Identity;

/// <summary>
/// <c>/api/v1/keys</c>: admins make, list, rotate and revoke API keys; keys from the configuration are listed
/// read-only. Every change is written to the audit log; a refused caller is audited by the authorization step.
/// </summary>
internal static class KeyEndpoints
{
    /// <summary>How long a rotated key's old secret keeps working when the request does not say.</summary>
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(1);

    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(30);

    private static readonly HashSet<string> RotateFields = new(StringComparer.Ordinal) { "overlap" };

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/v1/keys").RequireAuthorization(Policies.Admin);
        keys.MapGet("", ListAsync).WithName("ListKeys");
        keys.MapPost("", CreateAsync).WithName("CreateKey");
        keys.MapPost("/{name}/rotate", RotateAsync).WithName("RotateKey");
        keys.MapDelete("/{name}", RevokeAsync).WithName("RevokeKey");
        return routes;
    }

    public static async Task<Ok<KeysResponse>> ListAsync(RedisManagedKeys managed, ApiKeyRegistry configured, CancellationToken cancellationToken)
    {
        var lastUsed = await managed.LastUsedAsync(cancellationToken);
        var fromConfig = configured.Grants.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new KeyResponse
        {
            Name = g.Name,
            Role = KeyGrant.NameOf(g.Role),
            Editions = g.Editions?.Order(StringComparer.Ordinal).ToList(),
            LastUsedAt = lastUsed.TryGetValue(g.Name, out var at) ? at : null,
            Source = KeySource.Config,
        });
        var fromApp = (await managed.ListAsync(cancellationToken)).Select(k => ResponseOf(k, lastUsed.TryGetValue(k.Name, out var at) ? at : null));
        return TypedResults.Ok(new KeysResponse([.. fromConfig, .. fromApp]));
    }

    public static async Task<Results<Created<KeyResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, ClaimsPrincipal user, RedisManagedKeys managed, ApiKeyRegistry configured, Taxonomy taxonomy,
        RedisPeople people, RedisAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var now = time.GetUtcNow();
        NewKeyRequest? wanted;
        using (body)
        {
            var errors = new ValidationErrors();
            wanted = NewKeyRequest.Read(new JsonFields(body.Root, errors), taxonomy, now, errors);
            if (wanted is null)
            {
                return Problems.Validation(errors);
            }
        }

        if (configured.Grants.Any(g => g.Name == wanted.Name))
        {
            return NameTaken(wanted.Name);
        }

        Person? bound = null;
        if (wanted.BoundTo is { } personId && (bound = await people.FindAsync(personId, cancellationToken)) is null)
        {
            return Problems.Validation("boundTo", $"no person with id '{personId}' has signed in yet; a key is bound to someone the desk knows.");
        }

        var secret = KeySecret.New();
        var key = new ManagedKey
        {
            Name = wanted.Name,
            Role = wanted.Role,
            Editions = wanted.Editions?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            CreatedBy = user.Identity!.Name!,
            CreatedAt = now,
            ExpiresAt = wanted.ExpiresAt,
            BoundTo = wanted.BoundTo,
            BoundName = bound?.Name,
            Sha256 = KeySecret.Sha256Of(secret),
        };
        if (!await managed.CreateAsync(key, cancellationToken))
        {
            return NameTaken(wanted.Name);
        }

        await RecordAsync(audit, user, DeskAction.KeyCreated, $"key '{key.Name}': {Describe(key)}", now, cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{key.Name}", ResponseOf(key, null) with { Secret = secret });
    }

    public static async Task<Results<Created<KeyResponse>, ProblemHttpResult>> RotateAsync(
        string name, HttpRequest request, ClaimsPrincipal user, RedisManagedKeys managed, ApiKeyRegistry configured,
        RedisAuditTrail audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var overlap = DefaultOverlap;
        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            using (body)
            {
                var errors = new ValidationErrors();
                new JsonFields(body.Root, errors).RejectOthers(RotateFields);
                overlap = ReadOverlap(body.Root, errors) ?? overlap;
                if (!errors.IsEmpty)
                {
                    return Problems.Validation(errors);
                }
            }
        }

        if (configured.Grants.Any(g => g.Name == name))
        {
            return Configured(name);
        }

        var now = time.GetUtcNow();
        var secret = KeySecret.New();
        if (await managed.RotateAsync(name, KeySecret.Sha256Of(secret), now + overlap, cancellationToken) is not { } rotated)
        {
            return NoSuchKey(name);
        }

        await RecordAsync(audit, user, DeskAction.KeyRotated, $"key '{name}': the previous secret works until {rotated.PreviousUntil:O}", now, cancellationToken);
        return TypedResults.Created($"/api/v1/keys/{name}", ResponseOf(rotated, null) with { Secret = secret });
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string name, ClaimsPrincipal user, RedisManagedKeys managed, ApiKeyRegistry configured, RedisAuditTrail audit, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (configured.Grants.Any(g => g.Name == name))
        {
            return Configured(name);
        }

        if (await managed.RevokeAsync(name, cancellationToken) is not { } revoked)
        {
            return NoSuchKey(name);
        }

        await RecordAsync(audit, user, DeskAction.KeyRevoked, $"key '{name}': {Describe(revoked)}", time.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static TimeSpan? ReadOverlap(JsonElement root, ValidationErrors errors)
    {
        if (!root.TryGetProperty("overlap", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var seconds) || seconds < 0 || seconds > MaxOverlap.TotalSeconds)
        {
            errors.Add("overlap", $"must be a whole number of seconds from 0 to {MaxOverlap.TotalSeconds:0}.");
            return null;
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static KeyResponse ResponseOf(ManagedKey key, DateTimeOffset? lastUsedAt) => new()
    {
        Name = key.Name,
        Role = KeyGrant.NameOf(key.Role),
        Editions = key.Editions,
        CreatedBy = key.CreatedBy,
        CreatedAt = key.CreatedAt,
        ExpiresAt = key.ExpiresAt,
        LastUsedAt = lastUsedAt,
        Source = KeySource.App,
        BoundTo = key.BoundTo,
        ActsAs = key.BoundName,
        PreviousUntil = key.PreviousUntil,
    };

    private static string Describe(ManagedKey key) =>
        $"{KeyGrant.NameOf(key.Role)} of {(key.Editions is { } editions ? string.Join(", ", editions) : "every edition")}"
        + (key.ExpiresAt is { } expiresAt ? $", expires {expiresAt:O}" : "")
        + (key.BoundTo is { } person ? $", bound to {person}" : "");

    private static Task RecordAsync(RedisAuditTrail audit, ClaimsPrincipal user, DeskAction action, string detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry { At = now, Actor = user.Identity!.Name!, Action = action, Detail = detail }, cancellationToken);

    private static ProblemHttpResult NameTaken(string name) =>
        Problems.Status(StatusCodes.Status409Conflict, "A key of that name exists.", $"'{name}' is taken; revoke it first or choose another name.");

    private static ProblemHttpResult Configured(string name) =>
        Problems.Status(StatusCodes.Status409Conflict, "The key comes from the configuration.",
            $"'{name}' is set under Alerts:ApiKeys; change it there. Only keys made in the app are managed here.");

    private static ProblemHttpResult NoSuchKey(string name) =>
        Problems.Status(StatusCodes.Status404NotFound, "No such key.", $"There is no key named '{name}' made in the app.");
}
