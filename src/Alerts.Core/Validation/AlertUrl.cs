namespace Alerts.Core.Validation;

/// <summary>Rules for an alert's link: absolute http(s), no user info, at most 2,048 characters.</summary>
public static class AlertUrl
{
    public const int MaxLength = 2048;

    /// <summary>Returns the URL in canonical form, or null with a message for <paramref name="field"/>.</summary>
    public static string? Normalize(string raw, string field, ValidationErrors errors)
    {
        if (raw.Length > MaxLength)
        {
            errors.Add(field, $"must be at most {MaxLength} characters (it has {raw.Length}).");
            return null;
        }

        if (raw.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add(field, "must not contain spaces or control characters.");
            return null;
        }

        if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(field, "must be an absolute http or https URL.");
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add(field, $"must use http or https, not '{uri.Scheme}'.");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            errors.Add(field, "must not contain user information (user:password@).");
            return null;
        }

        var canonical = uri.AbsoluteUri;
        if (canonical.Length > MaxLength)
        {
            errors.Add(field, $"must be at most {MaxLength} characters once encoded.");
            return null;
        }

        return canonical;
    }

    /// <summary>An image for push notifications: as <see cref="Normalize"/>, and https only, since FCM and Apple fetch it from the phone.</summary>
    public static string? NormalizeImage(string raw, string field, ValidationErrors errors)
    {
        var canonical = Normalize(raw, field, errors);
        if (canonical is not null && !canonical.StartsWith("https://", StringComparison.Ordinal))
        {
            errors.Add(field, "must be an https URL (phones fetch push images over https only).");
            return null;
        }

        return canonical;
    }
}
