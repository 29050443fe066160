import { confirmAction } from "./confirm.js";
import { ageText, isoToLocalInput, localInputToIso, mayChange, mayJudge, queueCount, scheduleLabel, timeLeftText, waitingCorrections, waitingView } from "./desk-model.js";
import { h } from "./dom.js";

const refreshEvery = 2000;

/**
 * The alerts that wait in the key's editions: their submitters (and chiefs) edit or cancel them, chiefs approve
 * or reject other keys' pending ones. Waiting alerts are never on the hub (they must not leak), so the panel polls.
 */
export class WaitingPanel {
  constructor(api, me, editions, zone, history, onCount, onCorrections) {
    this.api = api;
    this.me = me;
    this.editions = editions;
    this.zone = zone;
    this.history = history;
    this.onCount = onCount || (() => {});
    this.onCorrections = onCorrections || (() => {});
    this.list = document.getElementById("waiting");
    this.empty = document.getElementById("waiting-empty");
    this.badge = document.getElementById("queue-badge");
    this.error = document.getElementById("waiting-error");
    this.reasonDialog = document.getElementById("reject-dialog");
    this.editDialog = document.getElementById("edit-dialog");
    this.shown = "";
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
    this.timeoutSeconds = result.data.approvalTimeoutSeconds;
    const count = queueCount(this.me, alerts);
    this.badge.hidden = count === 0;
    this.badge.textContent = `${count} awaiting your approval`;
    this.onCount(count);
    this.onCorrections(waitingCorrections(alerts));
    // Rebuilding only on a change (or once a minute, for the ages) keeps keyboard focus where the user left it.
    const fingerprint = JSON.stringify(alerts) + Math.floor(Date.now() / 60000);
    if (fingerprint === this.shown) {
      return;
    }
    this.shown = fingerprint;
    this.empty.hidden = alerts.length > 0;
    this.list.replaceChildren(...alerts.map((alert) => this.item(alert)));
  }

  item(alert) {
    const edition = this.editions.find((e) => e.key === alert.edition) || { direction: "ltr", language: alert.edition, name: alert.edition };
    const view = waitingView(alert);
    const when = view.correction ? "replaces the published version once approved"
      : alert.publishAt ? `for ${scheduleLabel(alert.publishAt, this.zone)}` : "as soon as it is approved";
    const actions = [
      h("button", { type: "button", className: "quiet", onclick: () => this.history.show(alert.id, view.headline) }, "History"),
    ];
    if (mayChange(this.me, alert) && !view.correction) {
      actions.push(
        h("button", { type: "button", className: "quiet", onclick: () => this.edit(alert, edition) }, "Edit"),
        h("button", { type: "button", className: "quiet", onclick: () => this.cancel(alert, edition) }, "Cancel alert"));
    }
    if (mayJudge(this.me, alert)) {
      actions.unshift(
        h("button", { type: "button", className: "primary", onclick: () => this.approve(alert, edition) }, alert.push ? "Approve and push" : "Approve"),
        h("button", { type: "button", className: "danger", onclick: () => this.reject(alert) }, "Reject"));
    }
    // While an alert waits, its publishedAt is the time it was submitted.
    const since = alert.publishedAt;
    const left = timeLeftText(alert, this.timeoutSeconds);
    return h("li", { className: `waiting-item ${alert.status}${view.correction ? " correction" : ""}`, "data-id": alert.id, "data-kind": alert.kind || "submission",
      "aria-label": `${view.correction ? "correction waiting" : alert.status}: ${view.headline}` },
    view.correction ? h("p", { className: "kind" }, `Correction of a published alert${view.changes.length ? ` (${view.changes.join(", ")})` : ""}`) : null,
    view.was ? h("p", { className: "was", dir: edition.direction, lang: edition.language }, h("span", { className: "visually-hidden" }, "Published now: "), view.was) : null,
    h("p", { className: "headline", dir: edition.direction, lang: edition.language }, view.headline),
    mayJudge(this.me, alert) ? preview(alert, view.headline, edition) : null,
    h("p", { className: "meta" },
      h("span", { className: `state ${alert.status}` }, view.label), ` ${edition.name} · by ${alert.submittedBy} · ${when}`,
      since ? ` · submitted ${ageText(since)}` : "", left ? ` · ${left}` : "",
      alert.push ? " · push" : ""),
    h("div", { className: "actions" }, actions));
  }

  async act(alert, action, body) {
    const result = await this.api.request("POST", `/api/v1/alerts/${encodeURIComponent(alert.id)}/${action}`, body);
    this.error.textContent = result.ok ? "" : [result.problem.title, result.problem.detail].filter(Boolean).join(" ");
    await this.refresh();
  }

  /** A push cannot be taken back: the chief sees what phones will show and says so once more, as the editor did. */
  async approve(alert, edition) {
    if (alert.push && !(await confirmAction({
      title: "Approve and send this push?",
      text: `Phones in the ${edition.name} edition get this notification now${alert.publishAt ? " (or at its time)" : ""}; a push cannot be taken back.`,
      keep: "Keep it waiting",
      go: "Approve and push",
      preview: preview(alert, waitingView(alert).headline, edition),
    }))) {
      return;
    }
    await this.act(alert, "approve");
  }

  async cancel(alert, edition) {
    if (await confirmAction({
      title: "Cancel this alert?",
      text: `It will not be published in ${edition.name}. It stays in the decided list and its history.`,
      keep: "Keep it",
      go: "Cancel alert",
    })) {
      await this.act(alert, "cancel");
    }
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
      const result = await this.api.request("PATCH", `/api/v1/alerts/${encodeURIComponent(alert.id)}`, body);
      this.error.textContent = result.ok ? "" : [result.problem.title, Object.values(result.problem.errors || {}).flat().join(" ")].filter(Boolean).join(" ");
      await this.refresh();
    }, { once: true });
    this.editDialog.showModal();
    headline.focus();
  }
}

// What the chief is about to release: the ticker line and, with push, the phone notification.
function preview(alert, headline, edition) {
  const attributes = { dir: edition.direction, lang: edition.language };
  return h("div", { className: "waiting-preview", "aria-label": "Preview" },
    h("div", { className: `preview-bar${alert.urgency === "flash" ? " flash" : ""}`, ...attributes },
      h("strong", { className: "preview-label" }, edition.breakingLabel), h("span", { className: "preview-line" }, headline)),
    alert.push
      ? h("div", { className: "notification android", ...attributes },
        h("div", { className: "app" }, "Alerts · now"), h("div", { className: "title" }, edition.breakingLabel), h("div", { className: "body" }, headline))
      : null);
}
