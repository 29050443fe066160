using StackExchange.Redis;

namespace Floor;

internal static class FloorServices
{
    /// <summary>
    /// With a Redis connection string, posts travel over one pub/sub channel so every node behind the
    /// load balancer broadcasts them (the least a multi-node broadcaster needs); without one, a post
    /// is broadcast by the node that took it.
    /// </summary>
    public static IServiceCollection AddFloor(this IServiceCollection services, string? redis)
    {
        services.AddSingleton<Broadcaster>();
        services.AddHostedService(provider => provider.GetRequiredService<Broadcaster>());
        if (string.IsNullOrEmpty(redis))
        {
            services.AddSingleton<IFrameFanout, LocalFanout>();
        }
        else
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
            services.AddSingleton<IFrameFanout, RedisFanout>();
        }

        return services;
    }
}
