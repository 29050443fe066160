namespace Alerts.Server.Desk;

/// <summary>The authorization policies of the desk; the editor policy is <c>IngestEndpoints.EditorPolicy</c>.</summary>
internal static class DeskPolicies
{
    /// <summary>Chiefs and admins: approve, reject, read the audit log.</summary>
    public const string Approver = "approver";

    /// <summary>Acting on one edition (the resource) that the key's editions include.</summary>
    public const string Edition = "edition";
}
