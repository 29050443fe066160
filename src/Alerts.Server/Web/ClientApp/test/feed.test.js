// The ticker's position logic, without a browser: node --test test/
import { afterEach, test } from "node:test";
import assert from "node:assert/strict";
import { Feed } from "../src/feed.js";

const feeds = [];

// A feed keeps a timer for its next expiring line; the test process ends only without it.
afterEach(() => feeds.splice(0).forEach((feed) => clearTimeout(feed.expiryTimer)));

function newFeed(hub) {
  const feed = new Feed(hub, "en");
  feeds.push(feed);
  return feed;
}

function alert(id, version = 1) {
  const now = Date.now();
  return {
    id,
    edition: "en",
    headline: `Line ${id}`,
    status: "published",
    version,
    publishedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 3600_000).toISOString(),
  };
}

function event(seq, epoch, id = `a${seq}`) {
  return { seq, epoch, type: "published", edition: "en", alert: alert(id) };
}

/** A hub that records how the feed subscribes, serving the editions and the ticker from memory. */
function fakeHub({ latestSeq = 0, ticker = [] } = {}) {
  const hub = {
    server: "http://alerts.test/",
    connected: true,
    subscriptions: [],
    latestSeq,
    readEditions: async () => ({ editions: [{ key: "en", name: "English", latestSeq: hub.latestSeq }] }),
    subscribe: async (edition, afterSeq, epoch) => {
      hub.subscriptions.push({ edition, afterSeq, epoch });
      hub.connected = false;
    },
  };
  globalThis.fetch = async () => ({ ok: true, json: async () => ({ alerts: ticker, latestSeq }) });
  return hub;
}

test("a feed resumes from the seq and epoch of the last event it applied", async () => {
  const hub = fakeHub({ latestSeq: 1, ticker: [alert("a1")] });
  const feed = newFeed(hub);
  await feed.sync();
  assert.deepEqual(hub.subscriptions.at(-1), { edition: "en", afterSeq: 1, epoch: null });

  feed.receive(event(2, "E1"));
  feed.receive(event(3, "E1"));
  hub.latestSeq = 3;
  hub.connected = true;
  await feed.sync();

  assert.deepEqual(hub.subscriptions.at(-1), { edition: "en", afterSeq: 3, epoch: "E1" });
});

test("a reset replaces the lines and takes the reset's seq and epoch as the position", async () => {
  const hub = fakeHub();
  const feed = newFeed(hub);
  feed.receive(event(5, "E1", "old"));

  feed.reset({ edition: "en", latestSeq: 3, epoch: "E2", ticker: [alert("new")] });
  feed.receive(event(4, "E2"));

  assert.deepEqual(feed.lines(10).map((a) => a.id).sort(), ["a4", "new"]);
  assert.equal(feed.lastSeq, 4);
  assert.equal(feed.epoch, "E2");
});

test("a reused seq of another epoch is not dropped as a duplicate: the feed starts over from the ticker", async () => {
  const hub = fakeHub({ latestSeq: 3, ticker: [alert("after-rewind")] });
  const feed = newFeed(hub);
  for (let seq = 1; seq <= 5; seq++) {
    feed.receive(event(seq, "E1"));
  }

  feed.receive(event(3, "E2", "after-rewind"));
  await new Promise((resolve) => setTimeout(resolve, 10));

  assert.deepEqual(feed.lines(10).map((a) => a.id), ["after-rewind"]);
  assert.deepEqual(hub.subscriptions.at(-1), { edition: "en", afterSeq: 3, epoch: null });
});

test("a duplicate of the same epoch is ignored", () => {
  const feed = newFeed(fakeHub());
  feed.receive(event(1, "E1"));
  feed.receive(event(2, "E1"));

  feed.receive(event(2, "E1", "a-duplicate"));

  assert.equal(feed.lastSeq, 2);
  assert.deepEqual(feed.lines(10).map((a) => a.id).sort(), ["a1", "a2"]);
});
