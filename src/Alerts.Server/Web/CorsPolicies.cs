namespace Alerts.Server.Web;

/// <summary>
/// Tickers run on publishers' pages, on any origin, so the hub and the public reads allow every
/// origin, without credentials. Editor endpoints carry no CORS policy, so browsers keep them same-origin.
/// </summary>
internal static class CorsPolicies
{
    public const string Public = "public";
}
