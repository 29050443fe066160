// Reads an Alerts edition stream with the npm eventsource package, as a Node.js consumer would:
// one JSON line per alert or reset event on stdout; exits after the given number of alerts or the timeout.
// Usage: node client.js <stream url> <alerts to wait for> <timeout in ms>
"use strict";
const EventSource = require("eventsource");

const [url, alertsWanted = "1", timeoutMs = "20000"] = process.argv.slice(2);
let alertsSeen = 0;
const source = new EventSource(url);

const print = type => event =>
  process.stdout.write(JSON.stringify({ type, id: event.lastEventId, data: JSON.parse(event.data) }) + "\n");

source.addEventListener("reset", print("reset"));
source.addEventListener("alert", event => {
  print("alert")(event);
  if (++alertsSeen >= Number(alertsWanted)) {
    source.close();
    process.exit(0);
  }
});
// Errors are the package reconnecting after a cut connection; it keeps going on its own.
source.onerror = () => process.stderr.write("eventsource error; reconnecting\n");

setTimeout(() => {
  process.stderr.write(`timed out after ${timeoutMs} ms with ${alertsSeen} alerts\n`);
  process.exit(2);
}, Number(timeoutMs));
