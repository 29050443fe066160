import { decidedItems, noticeFor, outcomeText } from "./desk-model.js";
import { formatTime, h } from "./dom.js";

const refreshEvery = 2000;

/**
 * How waiting alerts turned out (approved, published, rejected with the reason, expired, cancelled), polled from
 * the editors' `GET /api/v1/decisions` like the waiting list: decisions must not travel on the public hub.
 * The submitter of a decided alert gets a notice the moment the decision arrives.
 */
export class DecidedPanel {
  constructor(api, me, editions, notify, actions) {
    this.api = api;
    this.me = me;
    this.editions = editions;
    this.notify = notify;
    this.actions = actions;
    this.list = document.getElementById("decided");
    this.empty = document.getElementById("decided-empty");
    this.error = document.getElementById("decided-error");
    this.decisions = [];
    this.next = null;
    this.shown = "";
  }

  start() {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), refreshEvery);
  }

  async refresh() {
    if (this.busy) {
      return;
    }
    this.busy = true;
    const first = this.next === null;
    const result = await this.api.request("GET", first ? "/api/v1/decisions" : `/api/v1/decisions?after=${this.next}`);
    this.busy = false;
    if (!result.ok) {
      this.error.textContent = result.problem.title;
      return;
    }
    this.error.textContent = "";
    this.next = result.data.next;
    const fresh = result.data.decisions;
    if (!fresh.length && !first) {
      return;
    }
    this.decisions.push(...fresh);
    const items = decidedItems(this.decisions);
    if (!first) {
      // What was decided before the page opened is in the list; only news is a notice.
      const changed = new Set(fresh.map((d) => d.alertId));
      items.filter((item) => changed.has(item.alertId)).forEach((item) => {
        const notice = noticeFor(this.me, item);
        if (notice) {
          this.notify(notice, item);
        }
      });
    }
    this.empty.hidden = items.length > 0;
    this.list.replaceChildren(...items.map((item) => this.item(item)));
  }

  item(item) {
    const edition = this.editions.find((e) => e.key === item.edition) || { name: item.edition, language: item.edition, direction: "ltr" };
    const headline = item.headline ?? "(no longer on record)";
    return h("li", { className: `decided-item ${item.outcome}`, "data-id": item.alertId, "data-outcome": item.outcome },
      h("p", { className: "headline", dir: edition.direction, lang: edition.language }, headline),
      h("p", { className: "meta" },
        h("span", { className: `state ${item.outcome}` }, item.outcome), " ",
        h("time", { datetime: item.at }, formatTime(item.at)), ` · ${edition.name}`, item.submittedBy ? ` · submitted by ${item.submittedBy}` : ""),
      h("p", { className: "outcome" }, outcomeText(item)),
      h("div", { className: "actions" },
        h("button", { type: "button", className: "quiet", "aria-label": `History of “${headline}”`, onclick: () => this.actions.history(item.alertId, headline) }, "History"),
        item.alert && item.outcome === "published"
          ? h("button", { type: "button", className: "quiet", onclick: () => this.actions.openStory(item.alert.storyId || item.alertId) }, "Open the story")
          : null));
  }
}
