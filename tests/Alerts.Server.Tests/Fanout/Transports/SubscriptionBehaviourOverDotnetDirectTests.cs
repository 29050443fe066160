using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

public sealed class SubscriptionBehaviourOverDotnetDirectTests(RedisFixture redis) : HubSubscriptionBehaviourTests(redis, FeedTransport.DotnetDirect), IClassFixture<RedisFixture>;
