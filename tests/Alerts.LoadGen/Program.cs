using Alerts.LoadGen;

// `worker` is how the coordinator starts its worker processes; everything else is the coordinator.
return args is ["worker", .. var rest]
    ? await Worker.RunAsync(new Arguments(rest))
    : await Coordinator.RunAsync(new Arguments(args));
