using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

public sealed class SubscriptionBehaviourOverDotnetMessagePackTests(RedisFixture redis) : HubSubscriptionBehaviourTests(redis, FeedTransport.DotnetMessagePack), IClassFixture<RedisFixture>;
