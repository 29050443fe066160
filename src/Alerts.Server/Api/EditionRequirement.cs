using Microsoft.AspNetCore.Authorization;

namespace Alerts.Server.Api;

/// <summary>The key may act on the edition given as the authorization resource.</summary>
internal sealed class EditionRequirement : IAuthorizationRequirement;
