// One client process of run.js: opens its share of official @microsoft/signalr HubConnections
// (WebSockets, skipNegotiation, as ticker.js connects), subscribes each to the edition and records,
// for every stamped alert, how long after its post each client had it.
'use strict';
const signalR = require('@microsoft/signalr');
const { nowMicros, stampOf } = require('./stamp');

const { hub, edition, connections, handshakes } = JSON.parse(process.argv[2]);
const latencies = new Map(); // alert index -> µs from post to each client's `alert` callback
let connected = 0;
let failed = 0;
let dropped = 0;
let received = 0;

function onAlert(event) {
  const stamp = stampOf(event?.alert?.headline);
  if (!stamp) return; // a warm-up line
  const at = nowMicros();
  let list = latencies.get(stamp.index);
  if (!list) latencies.set(stamp.index, (list = []));
  list.push(at - stamp.postedAt);
  received += 1;
}

async function openOne() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(hub, { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on('alert', onAlert);
  try {
    await connection.start();
    await connection.invoke('Subscribe', edition, null);
    connected += 1;
    // Closed by the server, or by the client's default of a server silent for 30 s (both servers ping every 15 s).
    connection.onclose(() => {
      dropped += 1;
    });
  } catch {
    failed += 1;
    connection.stop().catch(() => {});
  }
}

// At most `handshakes` upgrades in flight, so the listen backlog of neither server overflows.
async function openAll() {
  let next = 0;
  const lane = async () => {
    while (next < connections) {
      next += 1;
      await openOne();
    }
  };
  await Promise.all(Array.from({ length: Math.min(handshakes, connections) }, lane));
}

process.on('message', (message) => {
  if (message.type === 'count') {
    process.send({ type: 'count', received, dropped });
  } else if (message.type === 'report') {
    process.send({ type: 'report', connected, failed, dropped, received, latencies: Object.fromEntries(latencies) });
  } else if (message.type === 'stop') {
    // The server sees the clients leave at once; a graceful stop of each would only add work to the run.
    process.exit(0);
  }
});

// The coordinator is gone (finished, timed out or killed): so is this process and its connections.
process.on('disconnect', () => process.exit(0));

const progress = setInterval(() => process.send({ type: 'progress', connected, failed }), 500);
openAll().then(() => {
  clearInterval(progress);
  process.send({ type: 'ready', connected, failed });
});
