using Alerts.Server.Hosting;

namespace Alerts.Server.Desk;

/// <summary>The desk's Lua scripts, embedded from <c>Desk/Scripts</c>. Only commands Garnet 2.2 and Redis 7 both run.</summary>
internal static class DeskScripts
{
    public static string WaitingChange { get; } = EmbeddedScript.Load("desk/waiting-change.lua");

    public static string DueClaim { get; } = EmbeddedScript.Load("desk/due-claim.lua");

    public static string CorrectionChange { get; } = EmbeddedScript.Load("desk/correction-change.lua");

    public static string AuditAppend { get; } = EmbeddedScript.Load("desk/audit-append.lua");
}
