import { tickerStyle } from "./ticker-style.js";

// Pixels per second: slow enough to read a headline in passing.
const crawlSpeed = 70;
const firstCrawlDelay = 2000;

/**
 * One ticker bar in a Shadow DOM, so neither the host page's CSS nor ours leaks across. Lines are
 * kept by alert id, so a correction changes its line in place and the live region announces only
 * what changed.
 */
export class TickerView {
  constructor(host, max, showWhenEmpty) {
    this.host = host;
    this.max = max;
    this.showWhenEmpty = showWhenEmpty;
    this.items = new Map();
    this.hovered = false;
    this.focused = false;
    this.animation = null;
    this.timeFormat = null;

    const root = host.attachShadow({ mode: "open" });
    root.innerHTML =
      (adoptStyle(root) ? "" : `<style>${tickerStyle}</style>`) +
      `<section class="bar" part="bar" hidden><strong class="label" part="label"></strong>` +
      `<div class="viewport"><ul class="track" aria-live="polite" aria-atomic="false"></ul></div></section>`;
    this.bar = root.querySelector(".bar");
    this.label = root.querySelector(".label");
    this.viewport = root.querySelector(".viewport");
    this.track = root.querySelector(".track");

    this.viewport.addEventListener("mouseenter", () => {
      this.hovered = true;
      if (this.animation) {
        this.animation.pause();
      }
    });
    this.viewport.addEventListener("mouseleave", () => {
      this.hovered = false;
      if (this.animation) {
        this.animation.play();
      }
    });
    // A keyboard user gets a still bar that scrolls to the focused link.
    this.viewport.addEventListener("focusin", () => {
      this.focused = true;
      this.stopMotion();
    });
    this.viewport.addEventListener("focusout", (event) => {
      if (!this.viewport.contains(event.relatedTarget)) {
        this.focused = false;
        this.restartMotion();
      }
    });
    this.reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    if (this.reducedMotion.addEventListener) {
      this.reducedMotion.addEventListener("change", () => this.restartMotion());
    }
    if (window.ResizeObserver) {
      this.resize = new ResizeObserver(() => this.restartMotion());
      this.resize.observe(this.viewport);
    }
  }

  setState(state) {
    this.host.setAttribute("data-state", state);
  }

  render(feed) {
    const meta = feed.meta;
    if (!meta) {
      return;
    }
    if (this.bar.dir !== meta.direction || this.bar.lang !== meta.language) {
      this.bar.dir = meta.direction;
      this.bar.lang = meta.language;
      this.timeFormat = new Intl.DateTimeFormat(meta.language, { hour: "2-digit", minute: "2-digit" });
    }
    this.label.textContent = meta.breakingLabel;
    this.bar.setAttribute("aria-label", `${meta.breakingLabel} · ${meta.name}`);

    const lines = feed.lines(this.max);
    if (this.reconcile(lines)) {
      this.restartMotion();
    }
    this.bar.hidden = false;
    this.host.hidden = lines.length === 0 && !this.showWhenEmpty;
  }

  /** Updates the list to `lines` touching only what changed; true when anything did. */
  reconcile(lines) {
    let changed = false;
    const wanted = new Set(lines.map((alert) => alert.id));
    this.items.forEach((item, id) => {
      if (!wanted.has(id)) {
        item.element.remove();
        this.items.delete(id);
        changed = true;
      }
    });
    let previous = null;
    for (const alert of lines) {
      let item = this.items.get(alert.id);
      if (!item) {
        item = { element: document.createElement("li"), version: 0 };
        this.items.set(alert.id, item);
      }
      if (item.version !== alert.version) {
        this.fill(item.element, alert);
        item.version = alert.version;
        changed = true;
      }
      const expected = previous ? previous.nextSibling : this.track.firstChild;
      if (item.element !== expected) {
        this.track.insertBefore(item.element, expected);
        changed = true;
      }
      previous = item.element;
    }
    return changed;
  }

  fill(element, alert) {
    element.className = `line ${alert.urgency}`;
    element.setAttribute("data-id", alert.id);
    element.setAttribute("data-version", String(alert.version));
    const headline = document.createElement("bdi");
    headline.className = "headline";
    headline.textContent = alert.headline;
    let content = headline;
    if (isWebUrl(alert.url)) {
      content = document.createElement("a");
      content.href = alert.url;
      content.target = "_blank";
      content.rel = "noopener";
      content.appendChild(headline);
    }
    const time = document.createElement("time");
    time.dateTime = alert.publishedAt;
    time.textContent = this.timeFormat.format(new Date(alert.publishedAt));
    element.replaceChildren(content, time);
  }

  stopMotion() {
    if (this.animation) {
      this.animation.cancel();
      this.animation = null;
    }
  }

  restartMotion() {
    this.stopMotion();
    this.viewport.scrollLeft = 0;
    if (this.reducedMotion.matches || this.focused || !this.track.animate) {
      return;
    }
    if (this.track.scrollWidth > this.viewport.clientWidth) {
      this.crawl(0, firstCrawlDelay);
    }
  }

  /** Moves the track from `from` pixels along the reading direction until it has left, then again from the far edge. */
  crawl(from, delay) {
    const sign = this.bar.dir === "rtl" ? 1 : -1;
    const width = this.track.scrollWidth;
    const animation = this.track.animate(
      [{ transform: `translateX(${sign * from}px)` }, { transform: `translateX(${sign * width}px)` }],
      { duration: ((width - from) / crawlSpeed) * 1000, delay, easing: "linear" },
    );
    animation.onfinish = () => {
      if (this.animation === animation) {
        this.crawl(-this.viewport.clientWidth, 0);
      }
    };
    if (this.hovered) {
      animation.pause();
    }
    this.animation = animation;
  }

  destroy() {
    this.stopMotion();
    if (this.resize) {
      this.resize.disconnect();
    }
  }
}

let sharedSheet = null;

/**
 * A constructed stylesheet, shared by every bar: unlike a <style> element it is not blocked by a
 * host page's Content-Security-Policy without 'unsafe-inline'. False where browsers lack it.
 */
function adoptStyle(root) {
  try {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(tickerStyle);
    }
    root.adoptedStyleSheets = [sharedSheet];
    return true;
  } catch {
    return false;
  }
}

function isWebUrl(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url);
}
