using Microsoft.AspNetCore.Authorization;

namespace Alerts.Server.Api;

/// <summary>Resource-based check of <see cref="EditionRequirement"/>: the edition is known only once the body or the alert is read.</summary>
internal sealed class EditionAuthorizationHandler : AuthorizationHandler<EditionRequirement, string>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EditionRequirement requirement, string edition)
    {
        if (KeyClaims.GrantOf(context.User) is { } grant && grant.MayActOn(edition))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
