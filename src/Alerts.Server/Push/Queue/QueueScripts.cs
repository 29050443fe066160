using System.Text;
using Alerts.Server.Hosting;

namespace Alerts.Server.Push.Queue;

/// <summary>
/// The queue's Lua scripts: each checks and changes in one atomic step, so two nodes never both create
/// a job or both hold its lease. Each is prefixed with the <c>JOB</c>, <c>PHASE</c> and <c>DELIVERY</c>
/// tables built from <see cref="JobFields"/>, <see cref="JobPhase"/> and <see cref="DeliveryFields"/>,
/// so the field names exist once. Only commands Garnet 2.2 and Redis 7 both support.
/// </summary>
internal static class QueueScripts
{
    /// <summary>The JOB, PHASE and DELIVERY tables every queue script starts with.</summary>
    public static readonly string Names = Table("JOB", JobFields.All()) + Table("PHASE", JobPhase.All()) + Table("DELIVERY", DeliveryFields.All());

    public static readonly string Enqueue = Names + EmbeddedScript.Load("push/enqueue.lua");
    public static readonly string Lease = Names + EmbeddedScript.Load("push/lease.lua");
    public static readonly string Renew = Names + EmbeddedScript.Load("push/renew.lua");
    public static readonly string Record = Names + EmbeddedScript.Load("push/record.lua");
    public static readonly string Complete = Names + EmbeddedScript.Load("push/complete.lua");

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
