namespace Alerts.Core.Desk;

/// <summary>
/// One API key's rights: its role and the editions it may act on. The rules of "who may do what"
/// live here, so the HTTP layer only asks.
/// </summary>
/// <param name="Name">The key's name, which becomes <c>author</c>, <c>actor</c>, <c>submittedBy</c> and <c>approvedBy</c>.</param>
/// <param name="Role">What the key may do.</param>
/// <param name="Editions">The editions it may act on; null means every edition.</param>
public sealed record KeyGrant(string Name, DeskRole Role, IReadOnlySet<string>? Editions)
{
    public const string EditorName = "editor";
    public const string ChiefName = "chief";
    public const string AdminName = "admin";

    /// <summary>
    /// Who holds the grant, as the two-person rule compares them: a person's id for a signed-in person or a key bound
    /// to one, otherwise the key's name. <see cref="Name"/> is only what the record shows, and two people may share it.
    /// </summary>
    public string Who { get; init; } = Name;

    /// <summary>Whether the key sees every edition (an admin always does).</summary>
    public bool HasAllEditions => Role == DeskRole.Admin || Editions is null;

    public bool MayActOn(string edition) => HasAllEditions || Editions!.Contains(edition);

    /// <summary>Chiefs and admins approve, reject and read the audit log.</summary>
    public bool IsApprover => Role is DeskRole.Chief or DeskRole.Admin;

    public static bool TryParseRole(string value, out DeskRole role)
    {
        switch (value)
        {
            case EditorName:
                role = DeskRole.Editor;
                return true;
            case ChiefName:
                role = DeskRole.Chief;
                return true;
            case AdminName:
                role = DeskRole.Admin;
                return true;
            default:
                role = default;
                return false;
        }
    }

    public static string NameOf(DeskRole role) => role switch
    {
        DeskRole.Chief => ChiefName,
        DeskRole.Admin => AdminName,
        _ => EditorName,
    };
}
