using Floor;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFloor(builder.Configuration.GetConnectionString("Redis"));

var app = builder.Build();
app.UseWebSockets();
app.MapFloorEndpoints();
app.Run();
