namespace Alerts.Server.Hosting;

/// <summary>
/// The Lua scripts each feature keeps as <c>.lua</c> files beside the code that runs them, embedded in the
/// assembly under <c>{feature}/{file}</c> (see the csproj). Only commands Garnet 2.2 and Redis 7 both run.
/// </summary>
internal static class EmbeddedScript
{
    public static string Load(string resource)
    {
        using var stream = typeof(EmbeddedScript).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The script {resource} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
