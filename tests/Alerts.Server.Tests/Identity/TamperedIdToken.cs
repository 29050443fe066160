namespace Alerts.Server.Tests.Identity;

/// <summary>What <see cref="TamperingBackchannel"/> does to the ID token on its way from the provider to the node.</summary>
public enum TamperedIdToken
{
    /// <summary>Passes it through.</summary>
    None,

    /// <summary>Re-signs it unchanged with a key the doctored key set lists: the control, which must be accepted.</summary>
    Resigned,

    /// <summary>Re-signed (validly) for another client.</summary>
    OtherAudience,

    /// <summary>Re-signed (validly) as if another provider issued it.</summary>
    OtherIssuer,

    /// <summary>A changed name under the provider's own signature, which no longer matches.</summary>
    BadSignature,
}
