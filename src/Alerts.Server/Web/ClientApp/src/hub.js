import { HttpTransportType, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { editionsPath, getJson } from "./api.js";
import { retryDelay, sleep } from "./retry.js";

/**
 * One SignalR connection per Alerts server, shared by every ticker on the page. It reconnects for
 * ever (a newsroom's server restarts; a reader's laptop sleeps) and, once back, has every feed
 * subscribe again from the last seq it saw, so nothing published meanwhile is missed.
 */
export class Hub {
  /** createFeed(hub, edition) makes the object that receives an edition's events: a ticker's or the console's. */
  constructor(server, createFeed) {
    this.server = server;
    this.createFeed = createFeed;
    this.feeds = new Map();
    this.started = false;
    this.editions = null;
    this.connection = new HubConnectionBuilder()
      .withUrl(new URL("hubs/alerts", server).href, {
        // The hub allows any origin but no credentials: a publisher's cookies never go to it.
        withCredentials: false,
        // WebSockets straight away: one round trip less, and no sticky sessions needed behind a load balancer.
        skipNegotiation: true,
        transport: HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => retryDelay(context.previousRetryCount) })
      .configureLogging(LogLevel.None)
      .build();
    this.connection.on("alert", (event) => this.feeds.get(event.edition)?.receive(event));
    this.connection.on("reset", (reset) => this.feeds.get(reset.edition)?.reset(reset));
    this.connection.onreconnecting(() => this.feeds.forEach((feed) => feed.setState("connecting")));
    this.connection.onreconnected(() => this.subscribeAll());
    // Automatic reconnect never gives up, but a server that closes the connection on purpose ends it: start over.
    this.connection.onclose(() => {
      this.feeds.forEach((feed) => feed.setState("connecting"));
      this.started = false;
      this.start();
    });
  }

  get connected() {
    return this.connection.state === HubConnectionState.Connected;
  }

  feed(edition) {
    let feed = this.feeds.get(edition);
    if (!feed) {
      feed = this.createFeed(this, edition);
      this.feeds.set(edition, feed);
      if (this.connected) {
        feed.sync();
      }
    }
    this.start();
    return feed;
  }

  /**
   * Follows an edition from a position: a seq and the epoch (the log's life) it belongs to, when
   * known. A position in an epoch the log has left is answered with a reset, never silently skipped.
   */
  subscribe(edition, afterSeq, epoch) {
    return epoch && afterSeq !== null
      ? this.connection.invoke("Resume", edition, afterSeq, epoch)
      : this.connection.invoke("Subscribe", edition, afterSeq);
  }

  /** The editions, read once per (re)connection however many feeds ask. */
  readEditions() {
    if (!this.editions) {
      this.editions = getJson(this.server, editionsPath).catch((error) => {
        this.editions = null;
        throw error;
      });
    }
    return this.editions;
  }

  async start() {
    if (this.started) {
      return;
    }
    this.started = true;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.connection.start();
        break;
      } catch {
        await sleep(retryDelay(attempt + 1));
      }
    }
    this.subscribeAll();
  }

  subscribeAll() {
    this.editions = null;
    this.feeds.forEach((feed) => feed.sync());
  }
}
