using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Hubs;

public sealed class CatchUpOverDirectWebSocketsTests(RedisFixture redis) : CatchUpTests(redis, HubRoute.Direct), IClassFixture<RedisFixture>;
