import { Feed } from "./feed.js";
import { Hub } from "./hub.js";
import { TickerView } from "./ticker-view.js";
import { defaultWorker, pushButton, pushSupported, subscribe } from "./ticker-push.js";

// The script runs once per <script> tag; only the first execution sets up the namespace.
const currentScript = document.currentScript;

if (window.AlertsTicker && typeof window.AlertsTicker.mountScripts === "function") {
  window.AlertsTicker.mountScripts(currentScript);
} else {
  const hubs = new Map();
  const mountedScripts = new WeakSet();

  const hubFor = (server) => {
    let hub = hubs.get(server);
    if (!hub) {
      hub = new Hub(server, (owner, edition) => new Feed(owner, edition));
      hubs.set(server, hub);
    }
    return hub;
  };

  const whenReady = (action) => {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", action, { once: true });
    } else {
      action();
    }
  };

  /**
   * Shows the "Get breaking alerts" button under the ticker where this browser can take Web Push and
   * the reader neither refused notifications nor subscribed already.
   */
  const offerPush = async (host, server, options) => {
    const worker = options.pushWorker || defaultWorker;
    if (!pushSupported(window) || Notification.permission === "denied") {
      return;
    }
    const registration = await navigator.serviceWorker.getRegistration(worker).catch(() => undefined);
    if (registration && (await registration.pushManager.getSubscription().catch(() => null))) {
      return;
    }
    const button = pushButton(document.documentElement.lang, () => subscribe(server, { edition: options.edition, worker }));
    whenReady(() => (host.parentNode ? host.after(button) : document.body.appendChild(button)));
    return button;
  };

  /**
   * Puts a ticker on the page. options: edition (required), server (base URL of the Alerts server),
   * target (element or selector to render into), max (lines, default 5), empty ("show" keeps an
   * empty bar visible), push ("ask" shows a button that subscribes the reader to Web Push),
   * pushWorker (the publisher's one-line worker, default /alerts-sw.js). Returns { element, destroy() }.
   */
  const mount = (options) => {
    if (!options || !options.edition) {
      throw new Error("AlertsTicker.mount needs an edition.");
    }
    const server = new URL(options.server || ".", document.baseURI).href.replace(/\/?$/, "/");
    const max = Math.min(Math.max(parseInt(options.max, 10) || 5, 1), 50);
    const host = document.createElement("div");
    host.className = "alerts-ticker";
    host.setAttribute("data-edition", options.edition);
    const view = new TickerView(host, max, options.empty === "show");
    const feed = hubFor(server).feed(options.edition);
    feed.attach(view);
    const offered = options.push === "ask"
      // Offering push is an extra: whatever fails in it leaves the ticker as it is.
      ? offerPush(host, server, options).catch(() => undefined)
      : Promise.resolve(undefined);

    const place = () => {
      const target = typeof options.target === "string" ? document.querySelector(options.target) : options.target;
      if (target) {
        target.appendChild(host);
      } else if (options.before && options.before.parentNode && options.before.parentNode !== document.head) {
        options.before.parentNode.insertBefore(host, options.before);
      } else {
        document.body.insertBefore(host, document.body.firstChild);
      }
    };
    // A target further down the page may not be parsed yet when an async script runs.
    if (typeof options.target === "string" && !document.querySelector(options.target)) {
      whenReady(place);
    } else if (!document.body) {
      whenReady(place);
    } else {
      place();
    }

    return {
      element: host,
      destroy() {
        feed.detach(view);
        view.destroy();
        host.remove();
        offered.then((button) => button && button.remove());
      },
    };
  };

  /** Mounts the ticker of every `<script src=".../ticker.js" data-edition>` not mounted yet. */
  const mountScripts = (script) => {
    const scripts = [...document.querySelectorAll("script[data-edition][src]")].filter((s) => /\/ticker\.js(\?|#|$)/.test(s.src));
    if (script && script.getAttribute("data-edition") && !scripts.includes(script)) {
      scripts.push(script);
    }
    for (const tag of scripts) {
      if (mountedScripts.has(tag)) {
        continue;
      }
      mountedScripts.add(tag);
      mount({
        edition: tag.getAttribute("data-edition"),
        server: tag.getAttribute("data-server") || new URL(".", tag.src).href,
        target: tag.getAttribute("data-target") || undefined,
        max: tag.getAttribute("data-max"),
        empty: tag.getAttribute("data-empty"),
        push: tag.getAttribute("data-push") || undefined,
        pushWorker: tag.getAttribute("data-push-worker") || undefined,
        before: tag,
      });
    }
  };

  /** For sites with their own button: the server is the one the page's first ticker script came from, unless given. */
  const push = Object.freeze({
    subscribe(options) {
      const tag = document.querySelector("script[data-edition][src*='/ticker.js']");
      const server = new URL((options && options.server) || (tag && (tag.getAttribute("data-server") || new URL(".", tag.src).href)) || ".", document.baseURI).href.replace(/\/?$/, "/");
      return subscribe(server, options);
    },
  });

  window.AlertsTicker = Object.freeze({ mount, mountScripts, push });
  mountScripts(currentScript);
}
