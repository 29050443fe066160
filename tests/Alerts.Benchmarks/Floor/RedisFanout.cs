using StackExchange.Redis;

namespace Floor;

/// <summary>Many nodes: the encoded frame is published once on one channel; every node's subscription hands it to its broadcaster as is.</summary>
internal sealed class RedisFanout(IConnectionMultiplexer redis, Broadcaster broadcaster) : IFrameFanout
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("floor:frames");

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (_, frame) => broadcaster.Enqueue((byte[])frame!));

    public Task PublishAsync(byte[] frame, CancellationToken cancellationToken) =>
        redis.GetSubscriber().PublishAsync(Channel, frame);
}
