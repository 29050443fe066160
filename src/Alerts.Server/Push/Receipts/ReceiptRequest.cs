using System.Text.Json;
using System.Text.RegularExpressions;
using Alerts.Core.Validation;
using Alerts.Server.Api;

namespace Alerts.Server.Push.Receipts;

/// <summary>Reads and checks a receipt body, collecting every field's problem.</summary>
internal static partial class ReceiptRequest
{
    private static readonly HashSet<string> Fields = new(StringComparer.Ordinal) { "alertId", "event", "platform", "installationId" };

    private static readonly string[] Platforms = ["android", "ios", "web"];

    /// <param name="root">The body.</param>
    /// <param name="clientAddress">Stands in for the device when the app sends no installation id.</param>
    /// <param name="errors">Collects what is wrong.</param>
    public static Receipt? Read(JsonElement root, string clientAddress, ValidationErrors errors)
    {
        var fields = new JsonFields(root, errors);
        fields.RejectOthers(Fields);
        var alertId = fields.String("alertId");
        if (alertId is null || !AlertId().IsMatch(alertId))
        {
            errors.Add("alertId", "is required: the alertId of the push's data.");
        }

        var kind = fields.String("event") switch
        {
            "received" => ReceiptEvent.Received,
            "opened" => ReceiptEvent.Opened,
            _ => (ReceiptEvent?)null,
        };
        if (kind is null)
        {
            errors.Add("event", "must be one of: received, opened.");
        }

        var platform = fields.String("platform");
        if (!Platforms.Contains(platform))
        {
            errors.Add("platform", "must be one of: android, ios, web.");
        }

        var installationId = fields.String("installationId");
        if (installationId is not null && !InstallationId().IsMatch(installationId))
        {
            errors.Add("installationId", "must be 1-200 characters of A-Z, a-z, 0-9, '_', ':', '.', '-'.");
        }

        return errors.IsEmpty ? new Receipt(alertId!, kind!.Value, platform!, installationId ?? $"{platform}@{clientAddress}") : null;
    }

    [GeneratedRegex("^[0-9A-Za-z]{1,64}$")]
    private static partial Regex AlertId();

    [GeneratedRegex("^[A-Za-z0-9_:.-]{1,200}$")]
    private static partial Regex InstallationId();
}
