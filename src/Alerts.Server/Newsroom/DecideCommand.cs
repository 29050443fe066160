using System.Security.Claims;
using Alerts.Core.Desk;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Newsroom;

/// <summary>
/// <c>POST /api/v1/alerts/{id}/approve</c>, <c>…/reject</c> or <c>…/cancel</c>: who asks, the alert, the decision, and
/// the body a rejection may carry (<c>{ "reason" }</c>).
/// </summary>
internal sealed record DecideCommand(string Id, ClaimsPrincipal User, DeskAction Action, RequestBody? Body = null)
{
    private static readonly HashSet<string> ReasonFields = new(StringComparer.Ordinal) { "reason" };

    /// <summary>How the attempt is named in a refusal's audit line.</summary>
    public string Attempt => Action switch
    {
        DeskAction.Approved => "approve",
        DeskAction.Rejected => "reject",
        _ => "cancel",
    };

    /// <summary>The rejection's reason, read from the body; the problems go to <paramref name="errors"/>.</summary>
    public string? ReadReason(ValidationErrors errors)
    {
        if (Body is null)
        {
            return null;
        }

        var fields = new JsonFields(Body.Root, errors);
        fields.RejectOthers(ReasonFields);
        return PlainText.Normalize(fields.String("reason"), "reason", AlertRules.MaxReasonLength, errors);
    }
}
