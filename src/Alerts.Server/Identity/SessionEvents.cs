using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

/// <summary>
/// Ends a session <see cref="IdentityOptions.SessionLifetime"/> after sign-in however much it is used: the cookie
/// slides with use, so its own expiry alone would keep a busy leaver signed in for ever.
/// </summary>
internal sealed class SessionEvents(IOptions<IdentityOptions> options, TimeProvider time) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var signedInAt = context.Properties.Items.TryGetValue(IdentitySchemes.SignedInAtItem, out var raw)
            && long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MinValue;
        if (time.GetUtcNow() - signedInAt >= options.Value.SessionLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentitySchemes.Cookie);
        }
    }
}
