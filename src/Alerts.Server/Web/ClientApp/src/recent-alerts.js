import { DeliveryPanel } from "./delivery.js";
import { fieldErrors } from "./editor-api.js";
import { formatTime, h, headlineLength, showFieldErrors } from "./dom.js";
import { maxHeadline } from "./compose.js";

const shown = 50;

/**
 * The recent alerts of one edition, live, each with inline correction, retraction, its delivery report, its
 * history and its story. Only a new line is announced to screen readers, never the whole list.
 */
export class RecentAlerts {
  constructor(api, list, empty, actions) {
    this.api = api;
    this.list = list;
    this.empty = empty;
    this.actions = actions;
    this.announcer = document.getElementById("recent-announcer");
    this.items = new Map();
    this.records = new Map();
    this.corrections = new Map();
    this.log = null;
  }

  /** Marks the alerts whose correction waits for approval (the waiting list's, by alert id); the published version stays shown. */
  markCorrections(corrections) {
    this.corrections = corrections;
    this.items.forEach((item) => this.showWaitingCorrection(item));
  }

  showWaitingCorrection(item) {
    const headline = this.corrections.get(item.alert.id);
    item.waitingCorrection.hidden = headline === undefined;
    item.waitingCorrection.textContent = headline === undefined ? "" : `Correction waiting for approval: ${headline}`;
  }

  show(log) {
    this.items.forEach((item) => item.delivery.close());
    this.items.clear();
    this.list.replaceChildren();
    this.settled = false;
    if (this.stopListening) {
      this.stopListening();
    }
    this.log = log;
    this.stopListening = log.listen(() => this.render());
  }

  render() {
    const alerts = this.log.recent(shown);
    this.empty.hidden = alerts.length > 0 || this.log.state !== "live";
    let previous = null;
    for (const alert of alerts) {
      let item = this.items.get(alert.id);
      if (!item) {
        item = this.create(alert);
        this.items.set(alert.id, item);
        if (this.settled && alert.headline) {
          this.announcer.textContent = `New in ${alert.edition}: ${alert.headline}`;
        }
      }
      if (item.version !== versionOf(alert)) {
        this.update(item, alert);
      }
      const expected = previous ? previous.nextSibling : this.list.firstChild;
      if (item.element !== expected) {
        this.list.insertBefore(item.element, expected);
      }
      previous = item.element;
    }
    this.settled = this.settled || this.log.state === "live";
  }

  create(alert) {
    const id = alert.id;
    const item = { alert, version: "" };
    item.head = h("div", { className: "alert-head" });
    item.headline = h("p", { className: "alert-headline", dir: "auto" });
    item.meta = h("p", { className: "alert-meta" });
    item.reason = h("p", { className: "retraction", hidden: true });
    item.waitingCorrection = h("p", { className: "correction-waiting", dir: "auto", hidden: true });
    item.correctButton = h("button", { type: "button", onclick: () => this.toggleCorrect(item) }, "Correct");
    item.retractButton = h("button", { type: "button", onclick: () => this.toggleRetract(item) }, "Retract");
    item.deliveryButton = h("button", { type: "button", "aria-expanded": "false", onclick: () => this.toggleDelivery(item) }, "Delivery report");
    const actions = h("div", { className: "alert-actions" }, item.correctButton, item.retractButton, item.deliveryButton,
      h("button", { type: "button", onclick: () => this.actions.history(id, this.headlineOf(item.alert)) }, "History"),
      h("button", { type: "button", onclick: () => this.actions.openStory(item.alert.storyId || id) }, "Open the story"));

    item.correctHeadline = h("textarea", { id: `correct-headline-${id}`, rows: 2, "aria-describedby": `correct-headline-error-${id}` });
    item.correctCounter = h("span", { className: "counter" });
    item.correctHeadline.addEventListener("input", () => this.count(item));
    item.correctUrl = h("input", { id: `correct-url-${id}`, type: "url", inputmode: "url", spellcheck: "false", "aria-describedby": `correct-url-error-${id}` });
    item.correctPush = h("input", { id: `correct-push-${id}`, type: "checkbox" });
    item.correctError = h("p", { className: "error form-error", role: "alert" });
    item.correctForm = h(
      "form",
      { className: "inline-form", hidden: true, novalidate: true, onsubmit: (event) => this.correct(event, item) },
      h("div", { className: "field" },
        h("label", { for: `correct-headline-${id}` }, "Corrected headline"),
        item.correctHeadline,
        h("div", { className: "under" }, h("p", { className: "error", id: `correct-headline-error-${id}`, "data-error-for": "headline" }), item.correctCounter)),
      h("div", { className: "field" },
        h("label", { for: `correct-url-${id}` }, "Corrected link (URL)"),
        item.correctUrl,
        h("p", { className: "error", id: `correct-url-error-${id}`, "data-error-for": "url" })),
      h("label", { className: "choice toggle", for: `correct-push-${id}` }, item.correctPush, " Notify phones again (replaces the earlier notification)"),
      item.correctError,
      h("div", { className: "actions" },
        h("button", { type: "submit", className: "primary" }, "Save correction"),
        h("button", { type: "button", className: "quiet", onclick: () => this.toggleCorrect(item, false) }, "Cancel")),
    );
    item.correctForm.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        this.correct(event, item);
      }
      if (event.key === "Escape") {
        this.toggleCorrect(item, false);
        item.correctButton.focus();
      }
    });

    item.reasonInput = h("input", { id: `retract-reason-${id}`, type: "text", "aria-describedby": `retract-reason-error-${id}` });
    item.noteInput = h("input", { id: `retract-note-${id}`, type: "text", "aria-describedby": `retract-note-error-${id}` });
    item.retractError = h("p", { className: "error form-error", role: "alert" });
    item.retractForm = h(
      "form",
      { className: "inline-form", hidden: true, novalidate: true, onsubmit: (event) => this.retract(event, item) },
      h("div", { className: "field" },
        h("label", { for: `retract-reason-${id}` }, "Reason for retraction"),
        item.reasonInput,
        h("p", { className: "error", id: `retract-reason-error-${id}`, "data-error-for": "reason" })),
      h("div", { className: "field" },
        h("label", { for: `retract-note-${id}` }, "Note for readers (optional, public)"),
        item.noteInput,
        h("p", { className: "error", id: `retract-note-error-${id}`, "data-error-for": "publicNote" })),
      item.retractError,
      h("div", { className: "actions" },
        h("button", { type: "submit", className: "danger" }, "Retract alert"),
        h("button", { type: "button", className: "quiet", onclick: () => this.toggleRetract(item, false) }, "Cancel")),
    );

    item.retractForm.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        this.toggleRetract(item, false);
        item.retractButton.focus();
      }
    });

    item.deliveryPanel = h("div", { className: "delivery", hidden: true });
    item.delivery = new DeliveryPanel(this.api, id, item.deliveryPanel);
    item.element = h("li", { className: "alert", "data-id": id },
      item.head, item.headline, item.meta, item.reason, item.waitingCorrection, actions, item.correctForm, item.retractForm, item.deliveryPanel);
    this.showWaitingCorrection(item);
    return item;
  }

  /** The headline as the desk knows it: a retraction removes it from the public view, not from the editor's record. */
  headlineOf(alert) {
    return alert.headline ?? (this.records.get(alert.id) || {}).headline;
  }

  /** Fetches the editor's full record of a retracted alert, which the public hub no longer carries. */
  async fetchRecord(item) {
    const id = item.alert.id;
    if (this.records.has(id)) {
      return;
    }
    this.records.set(id, {});
    const result = await this.api.request("GET", `/api/v1/alerts/${encodeURIComponent(id)}`);
    if (result.ok && result.data.headline !== undefined) {
      this.records.set(id, result.data);
      item.version = "";
      this.update(item, item.alert);
    } else {
      this.records.delete(id);
    }
  }

  update(item, alert) {
    const record = alert.headline === undefined ? this.records.get(alert.id) : null;
    if (alert.headline === undefined && !record) {
      this.fetchRecord(item);
    }
    const full = record && record.headline !== undefined ? { ...alert, ...record } : alert;
    item.alert = alert;
    item.version = versionOf(full);
    item.element.dataset.status = alert.status;
    alert = full;
    const headline = alert.headline ?? "Content removed by the retraction";
    item.element.setAttribute("aria-label", headline);
    const status = alert.status === "corrected" ? `Corrected · v${alert.version}` : alert.status === "retracted" ? "Retracted" : "Published";
    replace(item.head,
      h("span", { className: `badge urgency ${alert.urgency}` }, capitalize(alert.urgency)),
      h("span", { className: `badge state ${alert.status}` }, status),
      alert.push ? h("span", { className: "badge push" }, "Push") : null,
      h("time", { datetime: alert.updatedAt }, formatTime(alert.publishedAt)),
      h("span", { className: "author" }, alert.author),
    );
    item.headline.textContent = headline;
    const tags = [...(alert.sections || []), ...(alert.regions || [])].join(" · ");
    replace(item.meta,
      tags ? h("span", null, tags) : null,
      alert.url ? h("a", { href: alert.url, target: "_blank", rel: "noopener" }, alert.url) : null,
    );
    item.meta.hidden = !tags && !alert.url;
    item.reason.hidden = alert.status !== "retracted";
    item.reason.textContent = [alert.retractionReason ? `Retracted: ${alert.retractionReason}` : "Retracted",
      alert.publicNote ? `Readers see: ${alert.publicNote}` : null].filter(Boolean).join(" · ");
    const retracted = alert.status === "retracted";
    item.correctButton.disabled = retracted;
    item.retractButton.disabled = retracted;
    if (retracted) {
      item.correctForm.hidden = true;
      item.retractForm.hidden = true;
    }
  }

  toggleCorrect(item, open = item.correctForm.hidden) {
    item.correctForm.hidden = !open;
    item.retractForm.hidden = true;
    if (open) {
      item.correctHeadline.value = item.alert.headline;
      item.correctHeadline.dir = "auto";
      item.correctUrl.value = item.alert.url || "";
      item.correctPush.checked = false;
      item.correctError.textContent = "";
      showFieldErrors(item.correctForm, {});
      this.count(item);
      item.correctHeadline.focus();
    }
  }

  toggleRetract(item, open = item.retractForm.hidden) {
    item.retractForm.hidden = !open;
    item.correctForm.hidden = true;
    if (open) {
      item.reasonInput.value = "";
      item.noteInput.value = "";
      item.retractError.textContent = "";
      showFieldErrors(item.retractForm, {});
      item.reasonInput.focus();
    }
  }

  toggleDelivery(item) {
    const open = item.deliveryPanel.hidden;
    item.deliveryButton.setAttribute("aria-expanded", String(open));
    if (open) {
      item.delivery.open();
    } else {
      item.delivery.close();
    }
  }

  count(item) {
    const length = headlineLength(item.correctHeadline.value);
    item.correctCounter.textContent = `${length} / ${maxHeadline}`;
    item.correctCounter.classList.toggle("over", length > maxHeadline);
  }

  async correct(event, item) {
    event.preventDefault();
    const body = {};
    if (item.correctHeadline.value !== item.alert.headline) {
      body.headline = item.correctHeadline.value;
    }
    const url = item.correctUrl.value.trim();
    if (url !== (item.alert.url || "")) {
      body.url = url || null;
    }
    if (item.correctPush.checked) {
      body.push = true;
    }
    const result = await this.api.request("PATCH", `/api/v1/alerts/${encodeURIComponent(item.alert.id)}`, body);
    if (result.status === 202) {
      // Held for a second person: the published version stays live, so there is no event to apply.
      item.correctForm.hidden = true;
      this.corrections = new Map(this.corrections).set(item.alert.id, result.data.correction?.headline ?? this.headlineOf(item.alert));
      this.showWaitingCorrection(item);
      this.actions.waitingChanged();
      item.deliveryButton.focus();
      return;
    }
    this.finish(result, item, item.correctForm, item.correctError);
  }

  async retract(event, item) {
    event.preventDefault();
    const body = { reason: item.reasonInput.value };
    if (item.noteInput.value.trim()) {
      body.publicNote = item.noteInput.value.trim();
    }
    const result = await this.api.request("POST", `/api/v1/alerts/${encodeURIComponent(item.alert.id)}/retract`, body);
    this.finish(result, item, item.retractForm, item.retractError);
  }

  finish(result, item, form, error) {
    if (result.ok) {
      form.hidden = true;
      this.log.applyOwn(result.data);
      item.deliveryButton.focus();
      return;
    }
    const unshown = showFieldErrors(form, fieldErrors(result.problem));
    const rest = Object.values(unshown).join(" ");
    error.textContent = [result.problem.title, result.problem.errors ? rest || "Check the marked fields." : result.problem.detail].filter(Boolean).join(" ");
  }
}

function replace(element, ...children) {
  element.replaceChildren(...children.filter(Boolean));
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What the list redraws on: a new version or status, or the full record of a retraction replacing its public view. */
function versionOf(alert) {
  return `${alert.version}:${alert.status}:${alert.headline === undefined ? "removed" : "full"}`;
}
