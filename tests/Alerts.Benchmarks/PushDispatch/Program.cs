using PushDispatch;

// Dispatches one alert to N registered devices against the fake FCM on loopback, once with the rate
// limit lifted and once at the default, and prints one Markdown table row per run.
// A second argument "no-receipts" leaves the apps silent, to tell the sends' cost from the receipts'.
var devices = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
await PushBenchmark.RunAsync(devices, receipts: args.Length < 2 || args[1] != "no-receipts");
