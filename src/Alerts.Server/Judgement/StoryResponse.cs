using Alerts.Core.Alerts;

namespace Alerts.Server.Judgement;

/// <summary>The body of <c>GET /api/v1/stories/{storyId}</c>: the story's alerts in every edition, oldest first.</summary>
internal sealed record StoryResponse(string StoryId, IReadOnlyList<Alert> Alerts);
