using System.Security.Claims;

namespace Alerts.Server.Newsroom;

/// <summary><c>GET /api/v1/stories/{storyId}</c>: who asks and the story, as named in the path.</summary>
internal sealed record ReadStoryCommand(ClaimsPrincipal User, string StoryId);
