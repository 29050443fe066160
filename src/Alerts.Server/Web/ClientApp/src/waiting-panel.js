import { describeEntry, isoToLocalInput, localInputToIso, mayJudge, queueCount, scheduleLabel } from "./desk-model.js";
import { h } from "./dom.js";

const refreshEvery = 2000;

/**
 * The alerts that wait in the key's editions: editors edit or cancel them, chiefs approve or reject
 * other keys' pending ones. Waiting alerts are never on the hub (they must not leak), so the panel polls.
 */
export class WaitingPanel {
  constructor(api, me, editions, zone) {
    this.api = api;
    this.me = me;
    this.editions = editions;
    this.zone = zone;
    this.list = document.getElementById("waiting");
    this.empty = document.getElementById("waiting-empty");
    this.badge = document.getElementById("queue-badge");
    this.error = document.getElementById("waiting-error");
    this.historyDialog = document.getElementById("history");
    this.reasonDialog = document.getElementById("reject-dialog");
    this.editDialog = document.getElementById("edit-dialog");
    this.shown = "";
    document.getElementById("history-close").addEventListener("click", () => this.historyDialog.close());
  }

  start() {
    this.refresh();
    this.timer = setInterval(() => this.refresh(), refreshEvery);
  }

  async refresh() {
    const result = await this.api.request("GET", "/api/v1/alerts");
    if (!result.ok) {
      this.error.textContent = result.problem.title;
      return;
    }
    this.error.textContent = "";
    const alerts = result.data.alerts;
    const count = queueCount(this.me, alerts);
    this.badge.hidden = count === 0;
    this.badge.textContent = `${count} awaiting your approval`;
    // Rebuilding only on a change keeps keyboard focus where the user left it.
    const fingerprint = JSON.stringify(alerts);
    if (fingerprint === this.shown) {
      return;
    }
    this.shown = fingerprint;
    this.empty.hidden = alerts.length > 0;
    this.list.replaceChildren(...alerts.map((alert) => this.item(alert)));
  }

  item(alert) {
    const edition = this.editions.find((e) => e.key === alert.edition) || { direction: "ltr", language: alert.edition, name: alert.edition };
    const when = alert.publishAt ? `for ${scheduleLabel(alert.publishAt, this.zone)}` : "as soon as it is approved";
    const actions = [
      h("button", { type: "button", className: "quiet", onclick: () => this.showHistory(alert) }, "History"),
      h("button", { type: "button", className: "quiet", onclick: () => this.edit(alert, edition) }, "Edit"),
      h("button", { type: "button", className: "quiet", onclick: () => this.act(alert, "cancel") }, "Cancel"),
    ];
    if (mayJudge(this.me, alert)) {
      actions.unshift(
        h("button", { type: "button", className: "primary", onclick: () => this.act(alert, "approve") }, "Approve"),
        h("button", { type: "button", className: "danger", onclick: () => this.reject(alert) }, "Reject"));
    }
    return h("li", { className: `waiting-item ${alert.status}`, "data-id": alert.id, "aria-label": `${alert.status}: ${alert.headline}` },
      h("p", { className: "headline", dir: edition.direction, lang: edition.language }, alert.headline),
      mayJudge(this.me, alert) ? preview(alert, edition) : null,
      h("p", { className: "meta" },
        h("span", { className: `state ${alert.status}` }, alert.status), ` ${edition.name} · by ${alert.submittedBy} · ${when}`,
        alert.push ? " · push" : ""),
      h("div", { className: "actions" }, actions));
  }

  async act(alert, action, body) {
    const result = await this.api.request("POST", `/api/v1/alerts/${alert.id}/${action}`, body);
    this.error.textContent = result.ok ? "" : [result.problem.title, result.problem.detail].filter(Boolean).join(" ");
    await this.refresh();
  }

  reject(alert) {
    const form = this.reasonDialog.querySelector("form");
    const reason = this.reasonDialog.querySelector("#reject-reason");
    reason.value = "";
    this.reasonDialog.addEventListener("close", () => {
      if (this.reasonDialog.returnValue === "reject") {
        this.act(alert, "reject", { reason: reason.value });
      }
    }, { once: true });
    form.reset();
    this.reasonDialog.showModal();
    reason.focus();
  }

  edit(alert, edition) {
    const headline = this.editDialog.querySelector("#edit-headline");
    const publishAt = this.editDialog.querySelector("#edit-publish-at");
    headline.value = alert.headline;
    headline.dir = edition.direction;
    headline.lang = edition.language;
    publishAt.value = alert.publishAt ? isoToLocalInput(alert.publishAt) : "";
    this.editDialog.addEventListener("close", async () => {
      if (this.editDialog.returnValue !== "save") {
        return;
      }
      const body = { headline: headline.value };
      if (publishAt.value) {
        body.publishAt = localInputToIso(publishAt.value);
      }
      const result = await this.api.request("PATCH", `/api/v1/alerts/${alert.id}`, body);
      this.error.textContent = result.ok ? "" : [result.problem.title, Object.values(result.problem.errors || {}).flat().join(" ")].filter(Boolean).join(" ");
      await this.refresh();
    }, { once: true });
    this.editDialog.showModal();
    headline.focus();
  }

  async showHistory(alert) {
    const result = await this.api.request("GET", `/api/v1/alerts/${alert.id}/history`);
    const list = this.historyDialog.querySelector("#history-list");
    list.replaceChildren(...(result.ok ? result.data.history : []).map((entry) =>
      h("li", {}, h("time", { datetime: entry.at }, new Date(entry.at).toLocaleString()), " ", describeEntry(entry))));
    this.historyDialog.querySelector("#history-headline").textContent = alert.headline;
    this.historyDialog.showModal();
    document.getElementById("history-close").focus();
  }
}

// What the chief is about to release: the ticker line and, with push, the phone notification.
function preview(alert, edition) {
  const attributes = { dir: edition.direction, lang: edition.language };
  return h("div", { className: "waiting-preview", "aria-label": "Preview" },
    h("div", { className: `preview-bar${alert.urgency === "flash" ? " flash" : ""}`, ...attributes },
      h("strong", { className: "preview-label" }, edition.breakingLabel), h("span", { className: "preview-line" }, alert.headline)),
    alert.push
      ? h("div", { className: "notification android", ...attributes },
        h("div", { className: "app" }, "Alerts · now"), h("div", { className: "title" }, edition.breakingLabel), h("div", { className: "body" }, alert.headline))
      : null);
}
