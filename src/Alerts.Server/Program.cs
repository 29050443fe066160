using Alerts.Server.Hosting;

await AlertsApplication.Create(args).RunAsync();
