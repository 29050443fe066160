import { getJson, tickerPath } from "./api.js";
import { retryDelay, sleep } from "./retry.js";
import { load, save } from "./storage.js";

// Enough for any data-max; the server's ticker holds more, but nobody scrolls that far in a bar.
const keptLines = 50;

/**
 * One edition's ticker state: its lines by alert id and its position, the last seq applied and the
 * epoch (the log's life) it belongs to. Events are applied in seq order, deduplicated by seq within
 * an epoch; a line is replaced only by a newer version of itself.
 */
export class Feed {
  constructor(hub, edition) {
    this.hub = hub;
    this.edition = edition;
    this.key = `${hub.server}|${edition}`;
    this.views = new Set();
    this.state = "connecting";
    this.generation = 0;
    this.expiryTimer = 0;
    const stored = load(this.key);
    this.meta = stored ? stored.meta : null;
    this.lastSeq = stored ? stored.lastSeq : null;
    this.epoch = stored ? stored.epoch || null : null;
    this.setAlerts(stored ? stored.alerts : [], this.lastSeq || 0);
  }

  attach(view) {
    this.views.add(view);
    view.setState(this.state);
    view.render(this);
  }

  detach(view) {
    this.views.delete(view);
  }

  setState(state) {
    this.state = state;
    this.views.forEach((view) => view.setState(state));
  }

  /** Brings the state up to the server's and subscribes from there; retried until it works or the connection drops. */
  async sync() {
    const generation = ++this.generation;
    for (let attempt = 0; this.hub.connected && generation === this.generation; attempt++) {
      try {
        const editions = await this.hub.readEditions();
        const edition = editions.editions.find((e) => e.key === this.edition);
        if (!edition) {
          // A publisher's typo in data-edition: say so where they will look, and show nothing.
          console.warn(`AlertsTicker: '${this.edition}' is not an edition of ${this.hub.server}; known: ${editions.editions.map((e) => e.key).join(", ")}.`);
          this.setState("unknown-edition");
          return;
        }
        this.meta = {
          name: edition.name,
          language: edition.language,
          direction: edition.direction,
          breakingLabel: edition.breakingLabel,
        };
        if (this.lastSeq === null || edition.latestSeq < this.lastSeq) {
          // A first visit, or a server whose log starts below what we saw (restored from an older
          // backup): events cannot bridge that, the ticker as it stands can.
          const ticker = await getJson(this.hub.server, tickerPath(this.edition));
          this.replace(ticker.alerts, ticker.latestSeq, null);
        } else {
          this.changed();
        }
        await this.hub.subscribe(this.edition, this.lastSeq, this.epoch);
        if (generation === this.generation) {
          this.setState("live");
        }
        return;
      } catch {
        await sleep(retryDelay(attempt + 1));
      }
    }
  }

  receive(event) {
    if (this.lastSeq !== null && event.seq <= this.lastSeq) {
      if (event.epoch && this.epoch && event.epoch !== this.epoch) {
        // The log went back and reused seqs we applied: start over from the ticker as it stands.
        this.lastSeq = null;
        this.epoch = null;
        this.sync();
      }
      return;
    }
    const alert = event.alert;
    const current = this.alerts.get(alert.id);
    if (event.type === "retracted" || alert.status === "retracted") {
      this.alerts.delete(alert.id);
    } else if (!current || alert.version >= current.version) {
      this.alerts.set(alert.id, alert);
      if (!this.ranks.has(alert.id)) {
        this.ranks.set(alert.id, event.seq);
      }
    }
    this.lastSeq = event.seq;
    this.epoch = event.epoch || this.epoch;
    this.changed();
  }

  /** The server's whole ticker, instead of events it no longer keeps or that belong to an earlier epoch. */
  reset(reset) {
    this.replace(reset.ticker, reset.latestSeq, reset.epoch || null);
  }

  replace(alerts, latestSeq, epoch) {
    this.setAlerts(alerts.filter((alert) => alert.status !== "retracted"), latestSeq);
    this.lastSeq = latestSeq;
    this.epoch = epoch;
    this.changed();
  }

  /**
   * Takes `alerts`, newest first, as the lines. Timestamps have millisecond precision and ids are not
   * monotonic within a millisecond, so each line also gets a rank that breaks ties in publishing
   * order: the list's own order here, the published event's seq for lines that arrive later.
   */
  setAlerts(alerts, latestSeq) {
    this.alerts = new Map(alerts.map((alert) => [alert.id, alert]));
    this.ranks = new Map(alerts.map((alert, index) => [alert.id, latestSeq - (index + 1) / (alerts.length + 1)]));
  }

  /** The lines to show now, newest first. */
  lines(max) {
    const now = Date.now();
    return [...this.alerts.values()]
      .filter((alert) => Date.parse(alert.expiresAt) > now)
      .sort((a, b) => compare(b.publishedAt, a.publishedAt) || this.rankOf(b) - this.rankOf(a))
      .slice(0, max);
  }

  changed() {
    const kept = this.lines(keptLines);
    const ranks = this.ranks;
    this.alerts = new Map(kept.map((alert) => [alert.id, alert]));
    this.ranks = new Map(kept.map((alert) => [alert.id, ranks.get(alert.id)]));
    save(this.key, { meta: this.meta, lastSeq: this.lastSeq, epoch: this.epoch, alerts: kept });
    this.scheduleExpiry(kept);
    this.views.forEach((view) => view.render(this));
  }

  scheduleExpiry(alerts) {
    clearTimeout(this.expiryTimer);
    const next = Math.min(...alerts.map((alert) => Date.parse(alert.expiresAt)));
    if (Number.isFinite(next)) {
      // Timers clamp at about 24.8 days; a shorter wait that finds nothing expired just waits again.
      this.expiryTimer = setTimeout(() => this.changed(), Math.min(Math.max(next - Date.now(), 0) + 50, 2 ** 31 - 1));
    }
  }

  rankOf(alert) {
    return this.ranks.get(alert.id) || 0;
  }
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
