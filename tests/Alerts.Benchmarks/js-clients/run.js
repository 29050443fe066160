// N official @microsoft/signalr JS clients against one server (Alerts or the Node floor): connect
// and subscribe them all (spread over --workers processes), stay idle --settle s (the server's idle
// CPU is measured there), post warm-up lines, then --alerts stamped
// posts at --rate a second, and wait until every client has every alert (or --drain s). Writes a
// JSON result with the fields summary.py reads (post -> client p50/p90/p99/p99.9/max over every
// client and alert, the last client per alert, server and client CPU µs per delivered message).
//
//   node run.js --hub http://127.0.0.1:5000/hubs/alerts --connections 2000 --workers 2 --alerts 5 --rate 0.5 \
//     --settle 5 --server-pid 1234 --key KEY --label js-alerts-2000-r1 --out result.json
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');
const { nowMicros, headline } = require('./stamp');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const hub = new URL(args.hub ?? 'http://127.0.0.1:5098/hubs/alerts');
const connections = Number(args.connections ?? 200);
const workerCount = Number(args.workers ?? Math.max(1, Math.ceil(connections / 1000)));
const alerts = Number(args.alerts ?? 5);
const rate = Number(args.rate ?? 0.5);
const warmup = Number(args.warmup ?? 3);
const drainSeconds = Number(args.drain ?? 15);
const settleSeconds = Number(args.settle ?? 0);
const warmupPauseSeconds = Number(args['warmup-pause'] ?? 0.5);
const edition = args.edition ?? 'en';
const serverPids = (args['server-pid'] ?? '').split(',').filter(Boolean).map(Number);
const label = args.label ?? 'js';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${label}: ${line}\n`);

// A server that stops answering must not hold the run (and the machine) for ever; the workers leave with this process.
setTimeout(() => {
  progress('timed out');
  process.exit(3);
}, Number(args.timeout ?? 300) * 1000).unref();

/** CPU seconds (utime + stime, USER_HZ 100) and RSS bytes of a process, as top reads them. */
function sample(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { at: Date.now(), cpu: (Number(fields[11]) + Number(fields[12])) / 100, rss: rssKb * 1024 };
}

// No Nagle, and a body of known length written with the head: a chunked body's last chunk, held back by
// Nagle until the server's delayed ACK, cost some posts 40-300 ms before either server saw them.
const agent = new http.Agent({ keepAlive: true, maxSockets: 16, noDelay: true });
function post(alert) {
  const body = Buffer.from(JSON.stringify(alert));
  return new Promise((resolve) => {
    const request = http.request(new URL('/api/v1/alerts', hub), {
      method: 'POST',
      agent,
      timeout: 10_000,
      headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${args.key ?? 'secret'}` },
    }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode === 201 || response.statusCode === 200));
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
    request.end(body);
  });
}

function startWorker(share) {
  const child = fork(path.join(__dirname, 'worker.js'), [JSON.stringify({ hub: hub.href, edition, connections: share, handshakes: Number(args.handshakes ?? 64) })]);
  const worker = { child, connected: 0, failed: 0, received: 0, dropped: 0, waiting: new Map() };
  worker.ready = new Promise((resolve) => {
    child.on('message', (message) => {
      if (message.type === 'progress' || message.type === 'ready') Object.assign(worker, { connected: message.connected, failed: message.failed });
      if (message.type === 'ready') resolve();
      if (message.type === 'count') Object.assign(worker, { received: message.received, dropped: message.dropped });
      worker.waiting.get(message.type)?.(message);
    });
  });
  worker.ask = (type) => new Promise((resolve) => {
    worker.waiting.set(type, resolve);
    child.send({ type });
  });
  return worker;
}

/** The value below which a share q of the sorted values lie, in ms. */
const at = (sorted, q) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] / 10) / 100 : 0);
const quantiles = (values) => {
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, p50: at(sorted, 0.5), p90: at(sorted, 0.9), p99: at(sorted, 0.99), p999: at(sorted, 0.999), max: at(sorted, 1) };
};

async function main() {
  const startedAt = new Date().toISOString();
  const before = serverPids.map(sample);
  const workers = Array.from({ length: workerCount }, (_, w) =>
    startWorker(Math.floor(connections / workerCount) + (w < connections % workerCount ? 1 : 0)));
  const connecting = Date.now();
  const total = (key) => workers.reduce((sum, w) => sum + w[key], 0);
  const ticker = setInterval(() => progress(`connecting ${total('connected')}/${connections}, failed ${total('failed')}`), 2000);
  await Promise.all(workers.map((w) => w.ready));
  clearInterval(ticker);
  const connectSeconds = (Date.now() - connecting) / 1000;
  const connected = total('connected');
  progress(`connected ${connected}/${connections} in ${connectSeconds.toFixed(1)} s, failed ${total('failed')}`);
  const connectedAt = serverPids.map(sample);
  if (settleSeconds > 0) await sleep(settleSeconds * 1000);
  const idle = serverPids.map(sample);

  // Unstamped lines first, so the measured ones pay for neither JIT nor the poster's connection set-up.
  for (let i = 0; i < warmup; i++) await post({ edition, headline: `Load test warm-up ${i}` });
  // As the .NET load generator: the runtime compiles what the warm-up made hot a moment later, in the background.
  await sleep(warmupPauseSeconds * 1000);

  const publishStart = serverPids.map(sample);
  const clientsStart = workers.map((w) => sample(w.child.pid));
  const postedAt = [];
  const ingest = [];
  const posts = [];
  const publishing = nowMicros();
  for (let i = 0; i < alerts; i++) {
    const due = publishing + (rate > 0 ? (i / rate) * 1e6 : 0) - nowMicros();
    if (due > 0) await sleep(due / 1000);
    const stamp = nowMicros();
    postedAt[i] = stamp;
    posts.push(post({ edition, headline: headline(stamp, i), url: `https://news.example/live/${i}` }).then((ok) => {
      if (ok) ingest.push(nowMicros() - stamp);
      return ok;
    }));
  }
  const posted = (await Promise.all(posts)).filter(Boolean).length;
  const publishSeconds = (nowMicros() - publishing) / 1e6;
  const expected = connected * posted;
  const drainUntil = Date.now() + drainSeconds * 1000;
  let received = 0;
  while (Date.now() < drainUntil) {
    await Promise.all(workers.map((w) => w.ask('count')));
    received = total('received');
    if (received >= expected) break;
    await sleep(100);
  }
  const end = serverPids.map(sample);
  const clientCpu = workers.reduce((sum, w, i) => sum + sample(w.child.pid).cpu - clientsStart[i].cpu, 0);

  const reports = await Promise.all(workers.map((w) => w.ask('report')));
  workers.forEach((w) => w.child.send({ type: 'stop' }));
  const delivery = [];
  const lastClient = [];
  for (let i = 0; i < alerts; i++) {
    const per = reports.flatMap((r) => r.latencies[i] ?? []);
    if (per.length === 0) continue;
    let latest = 0;
    for (const value of per) {
      delivery.push(value);
      if (value > latest) latest = value;
    }
    lastClient.push(latest);
  }
  received = reports.reduce((sum, r) => sum + r.received, 0);
  const windowEnd = Math.max(...lastClient.map((latest, i) => postedAt[i] + latest), 0);
  const window = windowEnd > 0 ? (windowEnd - postedAt[0]) / 1e6 : 0;
  const perServer = connected / Math.max(1, serverPids.length);
  const percent = (from, to) => Math.round(((to.cpu - from.cpu) / Math.max(0.001, (to.at - from.at) / 1000)) * 1000) / 10;
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  const servers = serverPids.map((pid, i) => ({
    pid,
    rssBeforeMb: mb(before[i].rss),
    rssIdleMb: mb(idle[i].rss),
    rssEndMb: mb(end[i].rss),
    idleBytesPerConnection: perServer ? Math.round((idle[i].rss - before[i].rss) / perServer) : 0,
    cpuIdlePercent: settleSeconds > 0 ? percent(connectedAt[i], idle[i]) : 0,
    cpuPublishPercent: percent(publishStart[i], end[i]),
    cpuPublishSeconds: Math.round((end[i].cpu - publishStart[i].cpu) * 100) / 100,
  }));
  const serverCpu = servers.reduce((sum, s) => sum + s.cpuPublishSeconds, 0);
  const result = {
    label,
    protocol: 'signalr-js',
    client: `@microsoft/signalr ${require('@microsoft/signalr/package.json').version}, node ${process.version}`,
    hub: hub.href,
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? '?'}`,
    startedAt,
    workers: workerCount,
    connectionsRequested: connections,
    connected,
    connectFailed: reports.reduce((sum, r) => sum + r.failed, 0),
    dropped: reports.reduce((sum, r) => sum + r.dropped, 0),
    connectSeconds,
    connectionsPerSecond: Math.round(connected / Math.max(0.001, connectSeconds)),
    alertsRequested: alerts,
    alertsPosted: posted,
    postsFailed: alerts - posted,
    requestedRate: rate,
    publishSeconds,
    ingestLatency: quantiles(ingest),
    expected,
    received,
    deliveredPerSecond: window > 0 ? Math.round(received / window) : 0,
    delivery: quantiles(delivery),
    lastClient: quantiles(lastClient),
    serverCpuMicrosPerDelivery: received ? Math.round((serverCpu * 1e6 * 100) / received) / 100 : 0,
    clientCpuMicrosPerDelivery: received ? Math.round((clientCpu * 1e6 * 100) / received) / 100 : 0,
    clientCpuSeconds: Math.round(clientCpu * 100) / 100,
    servers,
  };
  const d = result.delivery;
  progress(`received ${received}/${expected}, dropped ${result.dropped}; post -> client p50 ${d.p50} ms, p99 ${d.p99}, max ${d.max}; last client p50 ${result.lastClient.p50}`);
  progress(`CPU server ${result.serverCpuMicrosPerDelivery} µs (idle ${servers.map((s) => s.cpuIdlePercent).join('+')} %, publishing ${servers.map((s) => s.cpuPublishPercent).join('+')} %), clients ${result.clientCpuMicrosPerDelivery} µs per delivered message (clients ${result.clientCpuSeconds} s over ${workerCount} processes)`);
  const json = JSON.stringify(result, null, 2);
  if (args.out) fs.writeFileSync(args.out, `${json}\n`);
  else console.log(json);
  agent.destroy();
  process.exitCode = received === expected && result.connectFailed === 0 ? 0 : 2;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
