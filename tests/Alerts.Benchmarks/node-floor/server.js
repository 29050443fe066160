// Benchmark floor, not product code: the least a Node broadcaster does on the sockets of Alerts' hub,
// the way the `ws` README broadcasts: one frame encoded once per post, sent to every socket as is.
// It speaks just enough of the SignalR JSON hub protocol for the official @microsoft/signalr client
// (skipNegotiation, WebSockets): the handshake gets `{}`, any invocation (Subscribe) an empty
// completion, after which the socket gets every post. POST /api/v1/alerts takes Alerts' body and
// answers 201, as Alerts' ingest does; the key is not checked.
'use strict';
const http = require('node:http');
const { WebSocketServer } = require('ws');

const port = Number(process.env.PORT || 5097);
const RS = '\x1e';
const HANDSHAKE_ANSWER = Buffer.from(`{}${RS}`);
// A SignalR client closes a connection the server has not written to for 30 s; Alerts pings every 15 s too.
const PING = Buffer.from(`{"type":6}${RS}`);
const subscribed = new Set();
let seq = 0;

function broadcast(frame) {
  for (const socket of subscribed) socket.send(frame, { binary: false });
}

// Every field of Alerts' alert event (as Floor/FloorEndpoints.cs, plus the actor Alerts now adds), so
// both servers send frames of the same size (573 bytes with run.js' headline): the floor differs in
// the work, not the bytes.
function frameOf(alert) {
  seq += 1;
  const now = new Date();
  const at = now.toISOString();
  const event = {
    seq,
    epoch: 'floor000',
    type: 'published',
    edition: alert.edition,
    at,
    alert: {
      id: String(seq).padStart(26, '0'),
      edition: alert.edition,
      headline: alert.headline,
      url: alert.url ?? null,
      urgency: 'breaking',
      sections: [],
      regions: [],
      push: false,
      status: 'published',
      author: 'floor',
      publishedAt: at,
      updatedAt: at,
      expiresAt: new Date(now.getTime() + 6 * 3600 * 1000).toISOString(),
      version: 1,
    },
    actor: 'floor',
  };
  return Buffer.from(JSON.stringify({ type: 1, target: 'alert', arguments: [event] }) + RS);
}

async function publish(req, res) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const alert = JSON.parse(body);
  const id = seq + 1;
  broadcast(frameOf(alert));
  res.writeHead(201, { 'content-type': 'application/json' });
  res.end(`{"seq":${id}}`);
}

const server = http.createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/api/v1/alerts') {
    publish(req, res).catch((err) => {
      res.writeHead(400);
      res.end(String(err));
    });
  } else if (req.method === 'GET' && (req.url === '/readyz' || req.url === '/healthz')) {
    res.writeHead(200);
    res.end('ready');
  } else {
    res.writeHead(404);
    res.end();
  }
});

const hub = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
server.on('upgrade', (req, socket, head) => {
  if (new URL(req.url, 'http://floor').pathname !== '/hubs/alerts') {
    socket.destroy();
    return;
  }
  hub.handleUpgrade(req, socket, head, (ws) => serve(ws));
});

function serve(ws) {
  let pending = '';
  let shookHands = false;
  ws.on('message', (data) => {
    pending += data.toString();
    let end;
    while ((end = pending.indexOf(RS)) >= 0) {
      const record = pending.slice(0, end);
      pending = pending.slice(end + 1);
      if (!shookHands) {
        shookHands = true;
        ws.send(HANDSHAKE_ANSWER, { binary: false });
        continue;
      }
      // Pings and the client's close carry no invocation id and get no answer.
      const id = /"invocationId":"([^"]*)"/.exec(record);
      if (id) {
        // Nothing is broadcast to this socket before its first completion: it joins the set after.
        ws.send(Buffer.from(`{"type":3,"invocationId":"${id[1]}","result":null}${RS}`), { binary: false });
        subscribed.add(ws);
      }
    }
  });
  ws.on('close', () => subscribed.delete(ws));
  ws.on('error', () => subscribed.delete(ws));
}

setInterval(() => broadcast(PING), 15_000).unref();
server.listen(port, '127.0.0.1', 511, () => console.log(`node floor on http://127.0.0.1:${port}`));
