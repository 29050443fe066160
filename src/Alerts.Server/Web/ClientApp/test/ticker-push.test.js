import { test } from "node:test";
import assert from "node:assert/strict";
import { pushLabels, pushSupported } from "../src/ticker-push.js";
import { keyBytes, registrationBody } from "../src/push-registration.js";

test("the registration body carries the browser's subscription and only the wishes given", () => {
  const subscription = { toJSON: () => ({ endpoint: "https://fcm.googleapis.com/fcm/send/abc", expirationTime: null, keys: { p256dh: "BKey", auth: "Auth" } }) };
  assert.deepEqual(registrationBody(subscription, { edition: "en", sections: ["politics"] }), {
    platform: "web",
    edition: "en",
    subscription: { endpoint: "https://fcm.googleapis.com/fcm/send/abc", keys: { p256dh: "BKey", auth: "Auth" } },
    sections: ["politics"],
  });
});

test("a base64url key without padding becomes its bytes", () => {
  assert.deepEqual([...keyBytes("AQID_-8")], [1, 2, 3, 255, 239]);
});

test("the button speaks the edition's language and falls back to English", () => {
  assert.equal(pushLabels("ar").ask, "تلقي التنبيهات العاجلة");
  assert.equal(pushLabels("es-ES").ask, "Recibir alertas de última hora");
  assert.equal(pushLabels("fr").ask, "Get breaking alerts");
});

test("push needs a secure context, a service worker and the Push API", () => {
  assert.equal(pushSupported({ isSecureContext: false, navigator: { serviceWorker: {} }, PushManager: 1, Notification: 1 }), false);
  assert.equal(pushSupported({ isSecureContext: true, navigator: {}, PushManager: 1, Notification: 1 }), false);
  assert.equal(pushSupported({ isSecureContext: true, navigator: { serviceWorker: {} }, PushManager: 1, Notification: 1 }), true);
});
