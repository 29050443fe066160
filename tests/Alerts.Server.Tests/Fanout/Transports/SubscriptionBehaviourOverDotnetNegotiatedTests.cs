using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

public sealed class SubscriptionBehaviourOverDotnetNegotiatedTests(RedisFixture redis) : HubSubscriptionBehaviourTests(redis, FeedTransport.DotnetNegotiated), IClassFixture<RedisFixture>;
