using Alerts.Core.Desk;
using System.Security.Claims;
using Alerts.Server.Api;
using Alerts.Server.Desk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Identity;

/// <summary>
/// What happens when the provider sends a person back: their claims become the desk's grant (<see cref="PersonClaims"/>);
/// a person no role maps to is signed in but allowed nothing, and that is audited; a refused answer (a token for
/// another audience or issuer, a bad signature, a replayed state) is audited and sends the browser back to the
/// console, signed out, instead of an error page.
/// </summary>
internal sealed class SignInEvents(
    IOptions<IdentityOptions> options, RoleMap roles, RedisPeople people, RedisAuditTrail audit, TimeProvider time, ILogger<SignInEvents> logger)
    : OpenIdConnectEvents
{
    public const string ConsolePath = "/console";

    public override async Task TicketReceived(TicketReceivedContext context)
    {
        var (person, hasRole) = PersonClaims.From(context.Principal!, options.Value, roles);
        context.Principal = person;
        var actor = Actors.Of(person)!;
        await people.RememberAsync(new Person(actor.Id, actor.Name, person.FindFirstValue(PersonClaims.EmailClaim), time.GetUtcNow()), context.HttpContext.RequestAborted);
        context.Properties!.Items[IdentitySchemes.SignedInAtItem] = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!hasRole)
        {
            IdentityLog.NoRole(logger, person.Identity!.Name!);
            await audit.RecordAsync(new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = person.Identity!.Name!,
                Action = DeskAction.Refused,
                Detail = "Signed in, but no Alerts:Identity:Roles line matches their claims: they may do nothing.",
                Status = StatusCodes.Status403Forbidden,
            }, context.HttpContext.RequestAborted);
        }
    }

    public override async Task RemoteFailure(RemoteFailureContext context)
    {
        var reason = context.Failure?.Message ?? "unknown";
        IdentityLog.SignInRefused(logger, reason);
        await audit.RecordAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = "anonymous",
            Action = DeskAction.Refused,
            Detail = $"Sign-in refused: {reason}",
            Status = StatusCodes.Status401Unauthorized,
        }, context.HttpContext.RequestAborted);
        context.Response.Redirect($"{ConsolePath}?signin=refused");
        context.HandleResponse();
    }
}
