// One subscriber of the behaviour suite (SubscriptionBehaviourTests) with an official JavaScript
// client: @microsoft/signalr (the web client's own copy, on NODE_PATH) or npm's eventsource.
// Commands arrive as JSON lines on stdin ({ id, op, edition, afterSeq, epoch }) and are run at once,
// not one after another, so two can overlap; frames and answers leave as JSON lines on stdout.
// Usage: node feed-client.js <signalr-direct|signalr-negotiated|eventsource> <base url>
"use strict";
const readline = require("readline");

const [mode, base] = process.argv.slice(2);
const write = line => process.stdout.write(JSON.stringify(line) + "\n");

async function signalR(skipNegotiation) {
  const signalr = require("@microsoft/signalr");
  // Skipping negotiation is what ticker.js does, and what the direct WebSocket server answers.
  const options = skipNegotiation ? { skipNegotiation: true, transport: signalr.HttpTransportType.WebSockets } : {};
  const connection = new signalr.HubConnectionBuilder()
    .withUrl(`${base}/hubs/alerts`, options)
    .configureLogging(signalr.LogLevel.Warning)
    .build();
  connection.on("alert", data => write({ kind: "alert", data }));
  connection.on("reset", data => write({ kind: "reset", data }));
  await connection.start();
  return {
    subscribe: c => connection.invoke("Subscribe", c.edition, c.afterSeq ?? null),
    resume: c => connection.invoke("Resume", c.edition, c.afterSeq, c.epoch),
    unsubscribe: c => connection.invoke("Unsubscribe", c.edition),
  };
}

function eventSource() {
  const EventSource = require("eventsource");
  const streams = new Map();
  // A stream is one edition from one position: Last-Event-ID carries the position, none starts with the ticker.
  const open = (c, lastEventId) => new Promise((resolve, reject) => {
    const headers = lastEventId ? { "Last-Event-ID": lastEventId } : {};
    const source = new EventSource(`${base}/api/v1/editions/${c.edition}/stream`, { headers });
    streams.set(c.edition, source);
    source.addEventListener("alert", e => write({ kind: "alert", data: JSON.parse(e.data) }));
    source.addEventListener("reset", e => {
      write({ kind: "reset", data: JSON.parse(e.data) });
      resolve();
    });
    // Without a position the stream is subscribed once its ticker arrived; with one, once it is open
    // (what the position misses then comes as history).
    if (lastEventId) {
      source.onopen = () => resolve();
    }
    source.onerror = e => {
      process.stderr.write(`eventsource error on ${c.edition}: ${e.message ?? e.status ?? "reconnecting"}\n`);
      reject(new Error(`the stream of ${c.edition} failed`));
    };
  });
  return {
    subscribe: c => open(c, null),
    resume: c => open(c, `${c.epoch}:${c.afterSeq}`),
    unsubscribe: async c => {
      streams.get(c.edition)?.close();
      streams.delete(c.edition);
    },
  };
}

async function main() {
  const client = mode === "eventsource" ? eventSource() : await signalR(mode === "signalr-direct");
  write({ kind: "ready" });
  readline.createInterface({ input: process.stdin }).on("line", line => {
    const command = JSON.parse(line);
    Promise.resolve()
      .then(() => client[command.op](command))
      .then(() => write({ kind: "done", id: command.id }), e => write({ kind: "done", id: command.id, error: String(e?.message ?? e) }));
  }).on("close", () => process.exit(0));
}

main().catch(e => {
  write({ kind: "failed", error: String(e?.stack ?? e) });
  process.exit(1);
});
