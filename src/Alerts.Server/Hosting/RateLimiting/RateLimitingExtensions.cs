using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Alerts.Server.Hosting.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter for the public endpoints. Features add their own per-address policies
/// with <see cref="AddPerAddressRateLimit"/> and name them on their endpoints with <c>RequireRateLimiting</c>;
/// a refused request gets 429 problem+json with <c>Retry-After</c> and the IETF draft's <c>RateLimit-Policy</c> / <c>RateLimit</c>.
/// </summary>
internal static class RateLimitingExtensions
{
    /// <summary>The policy of <c>GET /api/v1/editions/{edition}/events</c>.</summary>
    public const string EventsPolicy = "events";

    /// <summary>The policy of an edition's <c>feed.atom</c> and <c>feed.json</c>.</summary>
    public const string FeedsPolicy = "feeds";

    public static IServiceCollection AddAlertsRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddPerAddressRateLimit(EventsPolicy, sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.EventsPerMinute);
        services.AddPerAddressRateLimit(FeedsPolicy, sp => sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.FeedsPerMinute);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RateLimitRejection.WriteAsync;
        });
    }

    /// <summary>
    /// Adds policy <paramref name="policy"/>: a fixed window of a minute per client address, allowing
    /// what <paramref name="permitsPerMinute"/> reads from the feature's options.
    /// </summary>
    public static IServiceCollection AddPerAddressRateLimit(this IServiceCollection services, string policy, Func<IServiceProvider, int> permitsPerMinute)
    {
        services.AddKeyedSingleton(policy, (sp, _) => new PerAddressQuota(policy, permitsPerMinute(sp), TimeSpan.FromMinutes(1)));
        return services.AddRateLimiter(options => options.AddPolicy(policy, context =>
        {
            var quota = context.RequestServices.GetRequiredKeyedService<PerAddressQuota>(policy);
            return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = quota.PermitLimit,
                Window = quota.Window,
                QueueLimit = 0,
            });
        }));
    }

    public static WebApplication UseAlertsRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
