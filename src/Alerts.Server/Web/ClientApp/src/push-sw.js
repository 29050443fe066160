// The Alerts Web Push worker. A publisher serves a one-line worker from its own origin:
//   importScripts("https://alerts.example/push-sw.js");
// Each push is a notification tagged with the alert id, so a correction replaces it and a
// withdrawal replaces it with the edition's words for "withdrawn" (and no link). When the browser
// rotates the subscription, the worker registers the new one with the old one's wishes. Once a
// notification is shown, and when the reader clicks it, the worker sends the server a receipt.
// Bundled by esbuild (build.mjs) into the classic script importScripts loads.
import { renewSubscription } from "./push-registration.js";
import { reportReceipt } from "./push-receipts.js";

const cacheAndFetch = () => ({ caches: self.caches, fetch: (url, init) => self.fetch(url, init) });

self.addEventListener("push", (event) => {
  let payload = null;
  try {
    payload = event.data ? event.data.json() : null;
  } catch (error) {
    payload = null;
  }
  const notification = payload && payload.notification;
  if (!notification || !notification.title) {
    return;
  }
  event.waitUntil(
    self.registration.showNotification(notification.title, {
      body: notification.body || "",
      tag: notification.tag,
      lang: notification.lang,
      dir: notification.dir || "auto",
      silent: Boolean(notification.silent),
      timestamp: notification.timestamp,
      data: { url: notification.navigate || null, alert: payload.alert || null },
    }).then(() => reportReceipt("received", payload.alert, cacheAndFetch())),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data || {};
  const url = data.url;
  const opening = url && /^https:\/\//.test(url) ? self.clients.openWindow(url) : null;
  event.waitUntil(Promise.all([opening, reportReceipt("opened", data.alert, cacheAndFetch())]));
});

self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(renewSubscription(event, { pushManager: self.registration.pushManager, ...cacheAndFetch() }));
});
