// Benchmark peer, not product code: what a team would build with Socket.IO 4 and its Redis adapter.
// Same surface as Alerts for the load generator: POST /api/v1/alerts publishes to the edition's
// room (through Redis to every node), a client emits "subscribe" with an ack and then gets "alert".
'use strict';
const http = require('node:http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

const port = Number(process.env.PORT || 5099);
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function main() {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);

  const server = http.createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/api/v1/alerts') {
      publish(req, res).catch((err) => {
        res.writeHead(500);
        res.end(String(err));
      });
    } else if (req.method === 'GET' && req.url === '/readyz') {
      res.writeHead(200);
      res.end('ready');
    } else {
      res.writeHead(404);
      res.end();
    }
  });

  const io = new Server(server, { transports: ['websocket'], serveClient: false, adapter: createAdapter(pub, sub) });
  io.on('connection', (socket) => {
    socket.on('subscribe', (edition, ack) => {
      socket.join(`edition:${edition}`);
      if (typeof ack === 'function') ack(true);
    });
  });

  // The least a real system stores: a seq per edition, as the SignalR peer does.
  async function publish(req, res) {
    let body = '';
    for await (const chunk of req) body += chunk;
    const alert = JSON.parse(body);
    const seq = await pub.incr(`peer-socketio:seq:${alert.edition}`);
    const event = { seq, type: 'published', edition: alert.edition, at: new Date().toISOString(), alert };
    io.to(`edition:${alert.edition}`).emit('alert', event);
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify(event));
  }

  server.listen(port, '127.0.0.1', () => console.log(`socket.io peer on http://127.0.0.1:${port}`));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
