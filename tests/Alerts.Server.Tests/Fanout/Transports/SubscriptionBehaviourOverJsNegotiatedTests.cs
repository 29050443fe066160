using Alerts.Server.Tests.Infrastructure;

namespace Alerts.Server.Tests.Fanout.Transports;

public sealed class SubscriptionBehaviourOverJsNegotiatedTests(RedisFixture redis) : HubSubscriptionBehaviourTests(redis, FeedTransport.JsNegotiated), IClassFixture<RedisFixture>;
