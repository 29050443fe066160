namespace Alerts.Server.Api;

/// <summary>The authorization policies every feature's endpoints name.</summary>
internal static class Policies
{
    /// <summary>Any desk key: editors, chiefs and admins.</summary>
    public const string Editor = "editor";

    /// <summary>Chiefs and admins: approve, reject, read the audit log.</summary>
    public const string Approver = "approver";

    /// <summary>Admins only: managing API keys.</summary>
    public const string Admin = "admin";

    /// <summary>Acting on one edition (the resource) that the key's editions include.</summary>
    public const string Edition = "edition";
}
