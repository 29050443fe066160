using PushDispatch;

// Dispatches one alert to N registered devices against the fake FCM on loopback, once with the rate
// limit lifted and once at the default, and prints one Markdown table row per run.
// A second argument "no-receipts" leaves the apps silent, to tell the sends' cost from the receipts'.
// A second argument "--audience-only" registers N devices and times the audience device count instead, sending nothing.
// A second argument "--webpush" sends one flash alert to N Web Push subscriptions instead, in rounds (third
// argument, default 2) each beside the crypto floor measured in the same run (WebPushBenchmark).
// "--fill-embedded N dataDir ttlSeconds" writes N registrations into an embedded data directory, in bulk (EmbeddedFill).
if (args.Length == 4 && args[0] == "--fill-embedded")
{
    await EmbeddedFill.RunAsync(
        int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2],
        TimeSpan.FromSeconds(int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture)));
    return;
}

var devices = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
if (args.Length > 1 && args[1] == "--webpush")
{
    await WebPushBenchmark.RunAsync(devices, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2);
    return;
}

if (args.Length > 1 && args[1] == "--audience-only")
{
    await AudienceBenchmark.RunAsync(devices);
    return;
}

await PushBenchmark.RunAsync(devices, receipts: args.Length < 2 || args[1] != "no-receipts");
