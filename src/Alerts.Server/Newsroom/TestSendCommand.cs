using System.Security.Claims;
using Alerts.Server.Api;

namespace Alerts.Server.Newsroom;

/// <summary><c>POST /api/v1/alerts/preview?send=test</c>: who asks and the body whose push goes to the test devices.</summary>
internal sealed record TestSendCommand(ClaimsPrincipal User, RequestBody Body);
