import { getJson } from "./api.js";
import { retryDelay, sleep } from "./retry.js";

// The console shows the edition's recent history, retracted alerts included.
const historyEvents = 200;

/** One edition's recent alerts for the console, in every status, kept current from the hub. */
export class AlertLog {
  constructor(hub, edition) {
    this.hub = hub;
    this.edition = edition;
    this.entries = new Map();
    this.lastSeq = null;
    this.state = "connecting";
    this.generation = 0;
    this.listeners = new Set();
  }

  listen(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  setState(state) {
    this.state = state;
    this.notify();
  }

  async sync() {
    const generation = ++this.generation;
    for (let attempt = 0; this.hub.connected && generation === this.generation; attempt++) {
      try {
        if (this.lastSeq === null) {
          const editions = await this.hub.readEditions();
          const edition = editions.editions.find((e) => e.key === this.edition);
          const after = Math.max(0, edition.latestSeq - historyEvents);
          const page = await getJson(this.hub.server, `api/v1/editions/${encodeURIComponent(this.edition)}/events?after=${after}&limit=${historyEvents}`);
          if (page.reset) {
            this.reset({ ticker: page.ticker, latestSeq: page.latestSeq });
          } else {
            page.events.forEach((event) => this.receive(event));
            this.lastSeq = page.events.length ? page.events[page.events.length - 1].seq : after;
          }
        }
        await this.hub.subscribe(this.edition, this.lastSeq);
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
      return;
    }
    this.apply(event);
    this.lastSeq = event.seq;
    this.notify();
  }

  /** An event the console's own request returned: shown at once, without moving the seq the hub resumes from. */
  applyOwn(event) {
    this.apply(event, true);
    this.notify();
  }

  reset(reset) {
    reset.ticker.forEach((alert) => this.entries.set(alert.id, { alert, seq: reset.latestSeq }));
    this.lastSeq = reset.latestSeq;
    this.notify();
  }

  /** An own answer wins over the hub's copy of the same event: for a retraction it is the full record, the hub's is the public view. */
  apply(event, own = false) {
    const current = this.entries.get(event.alert.id);
    if (!current || event.seq > current.seq || (own && event.seq === current.seq)) {
      this.entries.set(event.alert.id, { alert: event.alert, seq: event.seq });
    }
  }

  /** Newest first. */
  recent(max) {
    return [...this.entries.values()]
      .map((entry) => entry.alert)
      .sort((a, b) => (a.publishedAt === b.publishedAt ? (a.id < b.id ? 1 : -1) : a.publishedAt < b.publishedAt ? 1 : -1))
      .slice(0, max);
  }

  notify() {
    this.listeners.forEach((listener) => listener(this));
  }
}
