namespace Alerts.Server.EventLog;

/// <summary>
/// The EventLog's embedded Lua scripts: <c>Append.lua</c>, behind <see cref="RedisAlertLog.AppendAsync"/>
/// (its keys and arguments are named at the top of the file), and the loader <see cref="RedisLogEpochs"/>
/// uses for <c>MoveEpoch.lua</c>.
/// </summary>
internal static class AppendScript
{
    /// <summary>The event JSON starts with this placeholder; the script puts the real seq in its place.</summary>
    public const string SeqPlaceholder = "{\"seq\":0,";

    public static string Source { get; } = Load("Append.lua");

    /// <summary>An EventLog script, embedded as <c>Alerts.Server.EventLog.{name}</c> (see the csproj).</summary>
    public static string Load(string name)
    {
        using var stream = typeof(AppendScript).Assembly.GetManifestResourceStream($"{typeof(AppendScript).Namespace}.{name}")
            ?? throw new InvalidOperationException($"The script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
