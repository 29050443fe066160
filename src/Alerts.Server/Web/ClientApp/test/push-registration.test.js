import { test } from "node:test";
import assert from "node:assert/strict";
import { loadRegistration, renewSubscription, saveRegistration, savedRegistration } from "../src/push-registration.js";
import { fakeCaches } from "./fake-caches.js";

/** The Alerts server's devices API: answers each POST with the next token, records every request. */
function fakeServer() {
  const requests = [];
  let next = 2;
  return {
    requests,
    fetch: async (url, init) => {
      requests.push({ url, method: init.method, body: init.body ? JSON.parse(init.body) : undefined });
      return init.method === "POST"
        ? new Response(JSON.stringify({ token: `wp_${next++}` }), { status: 200 })
        : new Response(null, { status: 405 });
    },
  };
}

const rotated = { toJSON: () => ({ endpoint: "https://fcm.googleapis.com/fcm/send/new", keys: { p256dh: "BNew", auth: "NewAuth" } }) };
const wishes = { edition: "ar", sections: ["politics"], minUrgency: "breaking", quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Dubai" }, worker: "/sw.js" };

test("the page keeps the server, the key, the reader's wishes and the token, nothing else", () => {
  assert.deepEqual(savedRegistration(new URL("https://alerts.example/"), "BKey", wishes, "wp_1"), {
    server: "https://alerts.example/",
    publicKey: "BKey",
    options: { edition: "ar", sections: ["politics"], minUrgency: "breaking", quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Dubai" } },
    token: "wp_1",
  });
});

test("a rotated subscription is subscribed again with the old key and registered with the old wishes", async () => {
  const caches = fakeCaches();
  const server = fakeServer();
  await saveRegistration(caches, savedRegistration("https://alerts.example/", "AQID", wishes, "wp_1"));
  const oldKey = new Uint8Array([9, 9, 9]).buffer;
  const subscribed = [];
  const pushManager = { subscribe: async (options) => { subscribed.push(options); return rotated; } };

  const token = await renewSubscription({ oldSubscription: { options: { applicationServerKey: oldKey } }, newSubscription: null }, { pushManager, caches, fetch: server.fetch });

  assert.equal(token, "wp_2");
  assert.deepEqual(subscribed, [{ userVisibleOnly: true, applicationServerKey: oldKey }]);
  assert.deepEqual(server.requests[0], {
    url: "https://alerts.example/api/v1/devices",
    method: "POST",
    body: {
      platform: "web",
      edition: "ar",
      subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/new", keys: { p256dh: "BNew", auth: "NewAuth" } },
      sections: ["politics"],
      minUrgency: "breaking",
      quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Dubai" },
    },
  });
  assert.equal(server.requests.length, 1);
  assert.equal((await loadRegistration(caches)).token, "wp_2");
});

test("without the old subscription's key the saved VAPID key is used, and a subscription the browser made is taken as it is", async () => {
  const caches = fakeCaches();
  await saveRegistration(caches, savedRegistration("https://alerts.example/base/", "AQID", { edition: "en" }, "wp_1"));
  const subscribed = [];
  const pushManager = { subscribe: async (options) => { subscribed.push(options); return rotated; } };

  await renewSubscription({ oldSubscription: null, newSubscription: null }, { pushManager, caches, fetch: fakeServer().fetch });
  assert.deepEqual([...new Uint8Array(subscribed[0].applicationServerKey)], [1, 2, 3]);

  const server = fakeServer();
  await renewSubscription({ oldSubscription: null, newSubscription: rotated }, { pushManager, caches, fetch: server.fetch });
  assert.equal(subscribed.length, 1);
  assert.equal(server.requests[0].url, "https://alerts.example/base/api/v1/devices");
  assert.equal(server.requests[0].body.edition, "en");
});

test("an origin that never subscribed through Alerts sends nothing", async () => {
  const server = fakeServer();
  const token = await renewSubscription({ newSubscription: rotated }, { pushManager: {}, caches: fakeCaches(), fetch: server.fetch });
  assert.equal(token, null);
  assert.deepEqual(server.requests, []);
});
