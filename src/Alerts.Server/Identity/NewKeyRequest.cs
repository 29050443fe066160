using System.Globalization;
using System.Text.RegularExpressions;
using Alerts.Core.Desk;
using Alerts.Core.Editions;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Identity;

/// <summary>The body of <c>POST /api/v1/keys</c>, read field by field so every problem is named at once.</summary>
internal sealed partial record NewKeyRequest(string Name, DeskRole Role, IReadOnlyList<string>? Editions, DateTimeOffset? ExpiresAt, string? BoundTo)
{
    private const int MaxBoundToLength = 255;

    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "name", "role", "editions", "expiresAt", "boundTo" };

    /// <summary>The request, or null with <paramref name="errors"/> saying why.</summary>
    public static NewKeyRequest? Read(JsonFields fields, Taxonomy taxonomy, DateTimeOffset now, ValidationErrors errors)
    {
        fields.RejectOthers(Fields);
        var name = fields.String("name");
        if (name is null || !NamePattern().IsMatch(name))
        {
            errors.Add("name", "must be 1-64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit.");
        }

        var roleName = fields.String("role");
        var role = default(DeskRole);
        if (roleName is null || !KeyGrant.TryParseRole(roleName, out role))
        {
            errors.Add("role", $"must be '{KeyGrant.EditorName}', '{KeyGrant.ChiefName}' or '{KeyGrant.AdminName}'.");
        }

        var editions = fields.Strings("editions");
        if (editions is { Count: 0 })
        {
            errors.Add("editions", "must name at least one edition; leave it out for every edition.");
        }

        foreach (var unknown in editions?.Where(e => !taxonomy.Editions.ContainsKey(e)) ?? [])
        {
            errors.Add("editions", $"'{unknown}' is not an edition; known: {string.Join(", ", taxonomy.Editions.Keys)}.");
        }

        var expiresAt = ReadExpiry(fields.String("expiresAt"), now, errors);
        var boundTo = fields.String("boundTo");
        if (boundTo is { Length: 0 or > MaxBoundToLength })
        {
            errors.Add("boundTo", $"must be the person's id (their 'sub'), 1-{MaxBoundToLength} characters.");
        }

        return errors.IsEmpty ? new NewKeyRequest(name!, role, editions, expiresAt, boundTo) : null;
    }

    private static DateTimeOffset? ReadExpiry(string? raw, DateTimeOffset now, ValidationErrors errors)
    {
        if (raw is null)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var value) || value <= now)
        {
            errors.Add("expiresAt", "must be a future ISO-8601 time with a UTC offset or 'Z', e.g. 2027-01-01T00:00:00Z.");
            return null;
        }

        return value;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
