import { auditPath, describeEntry } from "./desk-model.js";
import { h } from "./dom.js";

const actions = ["submitted", "edited", "approved", "rejected", "scheduled", "cancelled", "expired", "published", "corrected", "retracted", "refused"];

/** The audit log for chiefs and admins: newest last, filterable by edition, key and action, with older pages on demand. */
export class AuditView {
  constructor(api, me, editions) {
    this.api = api;
    this.form = document.getElementById("audit-filters");
    this.list = document.getElementById("audit-list");
    this.more = document.getElementById("audit-older");
    this.error = document.getElementById("audit-error");
    document.getElementById("audit-edition").replaceChildren(
      h("option", { value: "" }, "All my editions"), ...editions.filter((e) => me.editions.includes(e.key)).map((e) => h("option", { value: e.key }, e.name)));
    document.getElementById("audit-action").replaceChildren(h("option", { value: "" }, "Any action"), ...actions.map((a) => h("option", { value: a }, a)));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.load();
    });
    this.more.addEventListener("click", () => this.load(this.previous));
  }

  filters() {
    const data = new FormData(this.form);
    return { edition: data.get("edition"), actor: data.get("actor").trim(), action: data.get("action"), limit: 50 };
  }

  async load(before) {
    const result = await this.api.request("GET", auditPath({ ...this.filters(), before }));
    if (!result.ok) {
      this.error.textContent = result.problem.title;
      return;
    }
    this.error.textContent = "";
    const rows = result.data.entries.map((entry) => h("li", { className: entry.action },
      h("time", { datetime: entry.at }, new Date(entry.at).toLocaleString()), " ",
      entry.edition ? h("span", { className: "edition" }, `[${entry.edition}] `) : null, describeEntry(entry),
      entry.alertId ? h("span", { className: "id" }, ` (${entry.alertId})`) : null));
    if (before) {
      this.list.prepend(...rows);
    } else {
      this.list.replaceChildren(...rows);
    }
    this.previous = result.data.previous;
    this.more.hidden = !result.data.previous || result.data.entries.length < 50;
  }
}
