using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

public sealed class SubscriptionBehaviourOverJsDirectTests(RedisFixture redis) : HubSubscriptionBehaviourTests(redis, FeedTransport.JsDirect), IClassFixture<RedisFixture>;
