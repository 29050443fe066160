using System.Text;
using Alerts.Server.Hosting;

namespace Alerts.Server.Push.Sending;

/// <summary>
/// The push scripts. Each is prefixed with the <c>ITEM</c> and <c>DELIVERY</c> tables built from
/// <see cref="ItemFields"/> and <see cref="DeliveryFields"/>, so the field names exist once. They run only on
/// the node holding the outbox's lease of the edition, so they need no lease check of their own (that key
/// lives in the outbox's Redis Cluster slot, not push's). Only commands Garnet 2.2 and Redis 7 both support.
/// </summary>
internal static class PushScripts
{
    /// <summary>The ITEM and DELIVERY tables every push script starts with (the receipts' script too).</summary>
    public static readonly string Names = Table("ITEM", ItemFields.All()) + Table("DELIVERY", DeliveryFields.All());

    public static readonly string Begin = Names + EmbeddedScript.Load("push/begin.lua");
    public static readonly string Record = Names + EmbeddedScript.Load("push/record.lua");
    public static readonly string Finish = Names + EmbeddedScript.Load("push/finish.lua");
    public static readonly string SettleHeld = Names + EmbeddedScript.Load("push/settle-held.lua");

    private static string Table(string name, IEnumerable<(string Name, string Value)> entries)
    {
        var table = new StringBuilder($"local {name} = {{");
        foreach (var (key, value) in entries)
        {
            table.Append($" {key} = '{value}',");
        }

        return table.Append(" }\n").ToString();
    }
}
