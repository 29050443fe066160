// A Web Push subscription's registration with the Alerts server, kept alive when the browser
// rotates the subscription. The page that subscribes keeps what the worker will need (the Alerts
// server, its VAPID key, the reader's wishes, the token) in Cache Storage, which the page and its
// service worker share on the publisher's origin; on pushsubscriptionchange the worker subscribes
// again with the same key and registers the new subscription with the same wishes, so the reader
// goes on getting the same alerts.

/** The body of POST /api/v1/devices for a subscription: the browser's own JSON, and what the reader wants. */
export function registrationBody(subscription, options) {
  const json = typeof subscription.toJSON === "function" ? subscription.toJSON() : subscription;
  const body = { platform: "web", edition: options.edition, subscription: { endpoint: json.endpoint, keys: json.keys } };
  for (const field of ["sections", "regions", "minUrgency", "quietHours"]) {
    if (options[field] !== undefined) {
      body[field] = options[field];
    }
  }
  return body;
}

/** base64url (the API's VAPID key) to the bytes pushManager.subscribe takes. */
export function keyBytes(base64url) {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "===".slice((base64.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const cacheName = "alerts-push";
const entry = "/alerts-push/registration";
const wishes = ["edition", "sections", "regions", "minUrgency", "quietHours"];

/** What a subscription was registered with: the server, its key, the wishes given, and the token it answered. */
export function savedRegistration(server, publicKey, options, token) {
  const kept = {};
  for (const field of wishes) {
    if (options[field] !== undefined) {
      kept[field] = options[field];
    }
  }
  return { server: String(server), publicKey, options: kept, token };
}

export async function saveRegistration(caches, saved) {
  const cache = await caches.open(cacheName);
  await cache.put(entry, new Response(JSON.stringify(saved), { headers: { "Content-Type": "application/json" } }));
}

export async function loadRegistration(caches) {
  const cache = await caches.open(cacheName);
  const found = await cache.match(entry);
  return found ? found.json() : null;
}

/**
 * Handles pushsubscriptionchange: takes the browser's new subscription, or subscribes again with the
 * old one's applicationServerKey (the saved VAPID key if the browser gives none), registers it with
 * the wishes the old one had, and keeps the new token. Resolves to the new
 * token, or null when this origin never subscribed through Alerts.
 */
export async function renewSubscription(event, { pushManager, caches, fetch }) {
  const saved = await loadRegistration(caches);
  if (!saved) {
    return null;
  }
  const oldKey = event.oldSubscription && event.oldSubscription.options && event.oldSubscription.options.applicationServerKey;
  const subscription = event.newSubscription
    || await pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: oldKey || keyBytes(saved.publicKey) });
  const response = await fetch(new URL("api/v1/devices", saved.server).toString(), {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(registrationBody(subscription, saved.options)),
  });
  if (!response.ok) {
    throw new Error(`The Alerts server answered ${response.status} to the renewed subscription.`);
  }
  // The old registration is left to the server: its push service answers the next alert 410, which prunes it
  // (a cross-origin DELETE from the worker is not among the methods the API allows other origins).
  const { token } = await response.json();
  await saveRegistration(caches, { ...saved, token });
  return token;
}
