using System.Reflection;

namespace Alerts.Server.Push;

/// <summary>The push feature's Lua scripts, kept as <c>.lua</c> files beside the code that runs them and embedded in the assembly.</summary>
internal static class EmbeddedLua
{
    public static string Read(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"push/{fileName}")
            ?? throw new InvalidOperationException($"The Lua script push/{fileName} is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
