import { DeliveryPanel } from "./delivery.js";
import { formatTime, h } from "./dom.js";
import { flagLeftLive, liveSiblings } from "./judgement-model.js";

const statusWords = { published: "Published", corrected: "Corrected", retracted: "Retracted", pending: "Waiting for approval", scheduled: "Scheduled" };

/**
 * One story's versions side by side, each in its edition's direction, with status, delivery and retraction, in a
 * drawer over the desk: opening it moves nothing on the page behind.
 */
export class StoryView {
  constructor(api, editions) {
    this.api = api;
    this.editions = editions;
    this.panel = document.getElementById("story-panel");
    this.title = document.getElementById("story-title");
    this.list = document.getElementById("story-versions");
    this.error = document.getElementById("story-error");
    this.status = document.getElementById("story-status");
    this.dialog = document.getElementById("story-retract-dialog");
    this.deliveries = [];
    this.storyId = null;
    document.getElementById("story-close").addEventListener("click", () => this.close());
    this.panel.addEventListener("close", () => this.stopDeliveries());
  }

  async open(storyId) {
    this.storyId = storyId;
    this.title.textContent = "Story";
    if (!this.panel.open) {
      this.panel.showModal();
    }
    await this.load();
    this.list.querySelector("button")?.focus();
  }

  close() {
    this.stopDeliveries();
    if (this.panel.open) {
      this.panel.close();
    }
    this.storyId = null;
  }

  stopDeliveries() {
    this.deliveries.forEach((delivery) => delivery.close());
    this.deliveries = [];
  }

  async load() {
    const result = await this.api.request("GET", `/api/v1/stories/${encodeURIComponent(this.storyId)}`);
    this.stopDeliveries();
    if (!result.ok) {
      this.error.textContent = result.problem.title;
      this.list.replaceChildren();
      return;
    }
    this.error.textContent = "";
    this.alerts = result.data.alerts;
    // A story is known by its first line, not by an id.
    const first = this.alerts.find((alert) => alert.headline);
    const language = first ? (this.editions.find((e) => e.key === first.edition) || {}).language : undefined;
    this.title.replaceChildren(...(first ? ["Story: “", h("bdi", { lang: language }, first.headline), "”"] : ["Story"]));
    this.list.replaceChildren(...flagLeftLive(this.alerts).map((alert) => this.render(alert)));
  }

  render(alert) {
    const edition = this.editions.find((e) => e.key === alert.edition) || { name: alert.edition, language: alert.edition, direction: "ltr" };
    const delivery = h("div", { className: "delivery", hidden: true });
    const panel = new DeliveryPanel(this.api, alert.id, delivery);
    this.deliveries.push(panel);
    const deliveryButton = h("button", { type: "button", className: "quiet", "aria-expanded": "false", "aria-label": `Delivery report, ${edition.name}` }, "Delivery report");
    deliveryButton.addEventListener("click", () => {
      const open = delivery.hidden;
      deliveryButton.setAttribute("aria-expanded", String(open));
      if (open) {
        panel.open();
      } else {
        panel.close();
      }
    });
    const retracted = alert.status === "retracted";
    const retractButton = h("button", {
      type: "button", className: "danger", disabled: retracted, "aria-label": `Retract the ${edition.name} version`,
      onclick: () => this.askRetract(alert, edition),
    }, "Retract");
    return h("li", { className: `story-version${alert.leftLive ? " left-live" : ""}`, "data-id": alert.id, "data-edition": alert.edition, "data-status": alert.status },
      h("h3", {}, edition.name),
      h("p", { className: "story-version-status" }, `${statusWords[alert.status] || alert.status}${alert.publishedAt ? ` · ${formatTime(alert.publishedAt)}` : ""}`),
      alert.leftLive ? h("p", { className: "left-live-flag", role: "note" }, "Still live: a version in another edition was retracted.") : null,
      h("p", { className: "story-version-headline", dir: edition.direction, lang: edition.language }, alert.headline || "(withdrawn)"),
      retracted && alert.retractionReason ? h("p", { className: "retraction" }, `Retracted: ${alert.retractionReason}`) : null,
      retracted && alert.publicNote ? h("p", { className: "retraction" }, `Readers see: ${alert.publicNote}`) : null,
      h("div", { className: "alert-actions" }, retractButton, deliveryButton),
      delivery);
  }

  /** Asks for a reason and whether the story's other live versions go too, then retracts. */
  askRetract(alert, edition) {
    const siblings = liveSiblings(this.alerts, alert);
    document.getElementById("story-retract-title").textContent = `Retract the ${edition.name} version?`;
    const headline = document.getElementById("story-retract-headline");
    headline.textContent = alert.headline;
    headline.dir = edition.direction;
    document.getElementById("story-retract-siblings-field").hidden = siblings.length === 0;
    document.getElementById("story-retract-siblings").checked = true;
    document.getElementById("story-retract-siblings-label").textContent =
      `Also retract the ${siblings.length} other live ${siblings.length === 1 ? "version" : "versions"} (${siblings.map((s) => s.edition).join(", ")})`;
    const reason = document.getElementById("story-retract-reason");
    reason.value = "";
    const note = document.getElementById("story-retract-note");
    note.value = "";
    this.dialog.returnValue = "";
    this.dialog.addEventListener("close", () => {
      if (this.dialog.returnValue === "retract") {
        const all = document.getElementById("story-retract-siblings").checked;
        this.retract([alert, ...(all ? siblings : [])], reason.value.trim(), note.value.trim());
      }
    }, { once: true });
    this.dialog.showModal();
  }

  async retract(alerts, reason, publicNote) {
    this.status.textContent = "Retracting…";
    const failures = [];
    for (const alert of alerts) {
      const result = await this.api.request("POST", `/api/v1/alerts/${encodeURIComponent(alert.id)}/retract`, publicNote ? { reason, publicNote } : { reason });
      if (!result.ok) {
        failures.push(`${alert.edition}: ${result.problem.title}${result.problem.errors ? ` ${Object.values(result.problem.errors).flat().join(" ")}` : ""}`);
      }
    }
    this.status.textContent = failures.length ? "" : `Retracted ${alerts.length} ${alerts.length === 1 ? "version" : "versions"}.`;
    await this.load();
    this.error.textContent = failures.join(" ");
  }
}
