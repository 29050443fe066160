using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hubs;

public sealed class CatchUpOverNegotiatedSignalRTests(RedisFixture redis) : CatchUpTests(redis, HubRoute.Negotiated), IClassFixture<RedisFixture>;
