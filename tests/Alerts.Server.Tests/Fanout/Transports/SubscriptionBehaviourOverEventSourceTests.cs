using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

public sealed class SubscriptionBehaviourOverEventSourceTests(RedisFixture redis) : SubscriptionBehaviourTests(redis, FeedTransport.EventSource), IClassFixture<RedisFixture>;
