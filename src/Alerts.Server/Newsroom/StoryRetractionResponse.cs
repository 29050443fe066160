using System.Text.Json;

namespace Alerts.Server.Newsroom;

/// <summary>The answer to a story retraction: the <c>retracted</c> event of each version it retracted, oldest version first.</summary>
internal sealed record StoryRetractionResponse(string StoryId, IReadOnlyList<JsonElement> Events);
