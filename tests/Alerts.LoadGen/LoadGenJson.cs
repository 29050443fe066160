using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alerts.LoadGen;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(WorkerReport))]
[JsonSerializable(typeof(LoadResult))]
internal sealed partial class LoadGenJson : JsonSerializerContext;
