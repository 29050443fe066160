// Web Push from the ticker. The browser asks the reader for permission only when they press the
// button (or when the site calls AlertsTicker.push.subscribe() from its own button): never on load.
import { pushStyle } from "./ticker-style.js";
import { keyBytes, registrationBody, saveRegistration, savedRegistration } from "./push-registration.js";

/** The worker path on the publisher's origin when the script tag does not name one (data-push-worker). */
export const defaultWorker = "/alerts-sw.js";

const labels = {
  ar: { ask: "تلقي التنبيهات العاجلة", done: "ستصلك التنبيهات العاجلة.", blocked: "التنبيهات محظورة في إعدادات المتصفح.", failed: "تعذر الاشتراك. حاول مرة أخرى." },
  es: { ask: "Recibir alertas de última hora", done: "Recibirás las alertas de última hora.", blocked: "Las notificaciones están bloqueadas en el navegador.", failed: "No se pudo activar. Inténtalo de nuevo." },
  en: { ask: "Get breaking alerts", done: "You will get breaking alerts.", blocked: "Notifications are blocked in this browser's settings.", failed: "Could not subscribe. Please try again." },
};

/** The button's words in the edition's language (its first subtag), English otherwise. */
export function pushLabels(language) {
  return labels[(language || "en").split("-")[0]] || labels.en;
}

/** Whether this browser can take Web Push at all; a page served over plain http (not localhost) cannot. */
export function pushSupported(global) {
  return Boolean(global.isSecureContext && global.navigator && "serviceWorker" in global.navigator && "PushManager" in global && "Notification" in global);
}

/**
 * Subscribes this browser to the edition's pushes: registers the publisher's worker, asks for
 * permission, subscribes with the server's VAPID key and registers the subscription. Resolves to
 * { token } (the id DELETE /api/v1/devices/{token} takes); rejects with an error whose name is
 * "NotAllowedError" when the reader refused.
 */
export async function subscribe(server, options) {
  if (!options || !options.edition) {
    throw new Error("AlertsTicker.push.subscribe needs an edition.");
  }
  if (!pushSupported(window)) {
    throw new Error("This browser cannot receive Web Push here.");
  }
  const registration = await navigator.serviceWorker.register(options.worker || defaultWorker);
  const permission = await Notification.requestPermission();
  if (permission !== "granted") {
    const refused = new Error("The reader did not allow notifications.");
    refused.name = "NotAllowedError";
    throw refused;
  }
  const keyResponse = await fetch(new URL("api/v1/push/web", server), { credentials: "omit" });
  if (!keyResponse.ok) {
    throw new Error(`The Alerts server answered ${keyResponse.status} for its push key.`);
  }
  const { publicKey } = await keyResponse.json();
  const ready = registration.active ? registration : await navigator.serviceWorker.ready;
  const subscription = await ready.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  const response = await fetch(new URL("api/v1/devices", server), {
    method: "POST",
    credentials: "omit",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(registrationBody(subscription, options)),
  });
  if (!response.ok) {
    throw new Error(`The Alerts server answered ${response.status} to the subscription.`);
  }
  const { token } = await response.json();
  if (window.caches) {
    // For the worker, should the browser rotate the subscription (push-registration.js).
    await saveRegistration(window.caches, savedRegistration(new URL(server, window.location.href), publicKey, options, token)).catch(() => undefined);
  }
  return { token };
}

/**
 * The small "Get breaking alerts" button a ticker shows with data-push="ask", in its own element and
 * Shadow DOM; says how it went in a status line. Returns the element to place.
 */
export function pushButton(language, onSubscribe) {
  const words = pushLabels(language);
  const host = document.createElement("div");
  host.className = "alerts-push";
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = pushStyle;
  const wrapper = document.createElement("div");
  wrapper.className = "push";
  wrapper.setAttribute("part", "push");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "push-button";
  button.setAttribute("part", "push-button");
  button.textContent = words.ask;
  const status = document.createElement("span");
  status.className = "push-status";
  status.setAttribute("role", "status");
  wrapper.append(button, status);
  root.append(style, wrapper);

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await onSubscribe();
      status.textContent = words.done;
      button.hidden = true;
    } catch (error) {
      status.textContent = error && error.name === "NotAllowedError" ? words.blocked : words.failed;
      button.disabled = false;
    }
  });
  return host;
}
