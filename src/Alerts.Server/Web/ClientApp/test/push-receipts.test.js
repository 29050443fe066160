import { test } from "node:test";
import assert from "node:assert/strict";
import { reportReceipt } from "../src/push-receipts.js";
import { saveRegistration, savedRegistration } from "../src/push-registration.js";
import { fakeCaches } from "./fake-caches.js";

/** The Alerts server's receipts API: answers every request with the status given, records them. */
function fakeServer(status = 204) {
  const requests = [];
  return {
    requests,
    fetch: async (url, init) => {
      requests.push({ url, method: init.method, credentials: init.credentials, body: JSON.parse(init.body) });
      return new Response(null, { status });
    },
  };
}

const alert = { id: "01JABCDEF", type: "published", edition: "en", urgency: "breaking", seq: 7 };

async function subscribed() {
  const caches = fakeCaches();
  await saveRegistration(caches, savedRegistration("https://alerts.example/news/", "BKey", { edition: "en" }, "wp_abc-1"));
  return caches;
}

test("a shown push is reported received to the server the subscription was registered with, its token as the installation id", async () => {
  const server = fakeServer();

  const taken = await reportReceipt("received", alert, { caches: await subscribed(), fetch: server.fetch });

  assert.equal(taken, true);
  assert.deepEqual(server.requests, [{
    url: "https://alerts.example/news/api/v1/receipts",
    method: "POST",
    credentials: "omit",
    body: { alertId: "01JABCDEF", event: "received", platform: "web", installationId: "wp_abc-1" },
  }]);
});

test("a click is reported opened with the same installation id", async () => {
  const server = fakeServer();

  await reportReceipt("opened", alert, { caches: await subscribed(), fetch: server.fetch });

  assert.deepEqual(server.requests.map((r) => r.body), [{ alertId: "01JABCDEF", event: "opened", platform: "web", installationId: "wp_abc-1" }]);
});

test("nothing is sent when the push carries no alert or the origin never subscribed through Alerts", async () => {
  const server = fakeServer();

  assert.equal(await reportReceipt("received", null, { caches: await subscribed(), fetch: server.fetch }), false);
  assert.equal(await reportReceipt("received", alert, { caches: fakeCaches(), fetch: server.fetch }), false);
  assert.deepEqual(server.requests, []);
});

test("a refused or failed receipt resolves false rather than failing the push", async () => {
  const caches = await subscribed();

  assert.equal(await reportReceipt("received", alert, { caches, fetch: fakeServer(404).fetch }), false);
  assert.equal(await reportReceipt("received", alert, { caches, fetch: async () => { throw new TypeError("Failed to fetch"); } }), false);
});
