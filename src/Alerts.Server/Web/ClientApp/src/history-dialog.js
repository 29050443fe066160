import { describeEntry } from "./desk-model.js";
import { h } from "./dom.js";

/** The History drawer every alert opens, waiting, decided or published: who did what and when, in words. */
export class HistoryDialog {
  constructor(api, zone) {
    this.api = api;
    this.zone = zone;
    this.dialog = document.getElementById("history");
    this.list = document.getElementById("history-list");
    this.headline = document.getElementById("history-headline");
    document.getElementById("history-close").addEventListener("click", () => this.dialog.close());
  }

  async show(alertId, headline) {
    const result = await this.api.request("GET", `/api/v1/alerts/${encodeURIComponent(alertId)}/history`);
    this.list.replaceChildren(...(result.ok ? result.data.history : []).map((entry) =>
      h("li", {}, h("time", { datetime: entry.at }, new Date(entry.at).toLocaleString()), " ", describeEntry(entry, this.zone))));
    if (!result.ok) {
      this.list.replaceChildren(h("li", { className: "error" }, result.problem.title));
    }
    this.headline.textContent = headline || "";
    this.headline.dir = "auto";
    this.dialog.showModal();
    document.getElementById("history-close").focus();
  }
}
