using SignalRPeer;
using StackExchange.Redis;

var builder = WebApplication.CreateBuilder(args);
var redis = builder.Configuration.GetConnectionString("Redis") ?? "127.0.0.1:6379";
builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
builder.Services.AddSignalR().AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("peer-signalr"));

var app = builder.Build();
app.MapHub<PeerHub>("/hubs/alerts");
app.MapPost("/api/v1/alerts", PeerEndpoints.PublishAsync);
app.MapGet("/readyz", () => TypedResults.Ok());
app.Run();
