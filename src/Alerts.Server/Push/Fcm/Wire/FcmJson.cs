using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.Server.Push.Fcm.Wire;

/// <summary>The <c>messages:send</c> JSON, generated at build time; unset fields are left out, as FCM expects.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(WireMessage))]
[JsonSerializable(typeof(string))]
internal sealed partial class FcmJson : JsonSerializerContext
{
    /// <summary>
    /// With the relaxed encoder: the default one escapes every non-ASCII character, which would triple an
    /// Arabic headline's bytes against the 4 KB limit.
    /// </summary>
    public static FcmJson Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });
}
