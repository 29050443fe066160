namespace Alerts.Server.Desk;

/// <summary>The desk's Lua scripts, embedded from <c>Desk/Scripts</c>. Only commands Garnet 2.2 and Redis 7 both run.</summary>
internal static class DeskScripts
{
    public static string WaitingChange { get; } = Load("waiting-change.lua");

    public static string DueClaim { get; } = Load("due-claim.lua");

    public static string AuditAppend { get; } = Load("audit-append.lua");

    private static string Load(string name)
    {
        using var stream = typeof(DeskScripts).Assembly.GetManifestResourceStream($"desk/{name}")
            ?? throw new InvalidOperationException($"The embedded script desk/{name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
