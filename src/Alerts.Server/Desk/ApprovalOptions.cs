using System.ComponentModel.DataAnnotations;
using Alerts.Core.Desk;

namespace Alerts.Server.Desk;

/// <summary>The <c>Alerts:Approval</c> section: which alerts wait for a second person, and for how long.</summary>
internal sealed class ApprovalOptions
{
    public const string SectionName = "Alerts:Approval";

    [RegularExpression("^(off|editors|two-person)$", ErrorMessage = "Mode must be 'off', 'editors' or 'two-person'.")]
    public string Mode { get; set; } = "off";

    [RegularExpression("^(push|all)$", ErrorMessage = "Scope must be 'push' or 'all'.")]
    public string Scope { get; set; } = "push";

    /// <summary>How long an alert may wait for approval before it ends <c>expired</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    public ApprovalRule Rule => new(
        Mode switch { "editors" => ApprovalMode.Editors, "two-person" => ApprovalMode.TwoPerson, _ => ApprovalMode.Off },
        Scope == "all" ? ApprovalScope.All : ApprovalScope.Push);
}
