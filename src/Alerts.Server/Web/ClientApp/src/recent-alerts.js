import { DeliveryPanel } from "./delivery.js";
import { fieldErrors } from "./editor-api.js";
import { formatTime, h, headlineLength, showFieldErrors } from "./dom.js";
import { maxHeadline } from "./compose.js";

const shown = 50;

/** The recent alerts of one edition, live, each with inline correction, retraction and its delivery report. */
export class RecentAlerts {
  constructor(api, list, empty) {
    this.api = api;
    this.list = list;
    this.empty = empty;
    this.items = new Map();
    this.log = null;
  }

  show(log) {
    this.items.forEach((item) => item.delivery.close());
    this.items.clear();
    this.list.replaceChildren();
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
  }

  create(alert) {
    const id = alert.id;
    const item = { alert, version: "" };
    item.head = h("div", { className: "alert-head" });
    item.headline = h("p", { className: "alert-headline", dir: "auto" });
    item.meta = h("p", { className: "alert-meta" });
    item.reason = h("p", { className: "retraction", hidden: true });
    item.correctButton = h("button", { type: "button", onclick: () => this.toggleCorrect(item) }, "Correct");
    item.retractButton = h("button", { type: "button", onclick: () => this.toggleRetract(item) }, "Retract");
    item.deliveryButton = h("button", { type: "button", "aria-expanded": "false", onclick: () => this.toggleDelivery(item) }, "Delivery report");
    const actions = h("div", { className: "alert-actions" }, item.correctButton, item.retractButton, item.deliveryButton);

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
    });

    item.reasonInput = h("input", { id: `retract-reason-${id}`, type: "text", "aria-describedby": `retract-reason-error-${id}` });
    item.retractError = h("p", { className: "error form-error", role: "alert" });
    item.retractForm = h(
      "form",
      { className: "inline-form", hidden: true, novalidate: true, onsubmit: (event) => this.retract(event, item) },
      h("div", { className: "field" },
        h("label", { for: `retract-reason-${id}` }, "Reason for retraction"),
        item.reasonInput,
        h("p", { className: "error", id: `retract-reason-error-${id}`, "data-error-for": "reason" })),
      item.retractError,
      h("div", { className: "actions" },
        h("button", { type: "submit", className: "danger" }, "Retract alert"),
        h("button", { type: "button", className: "quiet", onclick: () => this.toggleRetract(item, false) }, "Cancel")),
    );

    item.deliveryPanel = h("div", { className: "delivery", hidden: true });
    item.delivery = new DeliveryPanel(this.api, id, item.deliveryPanel);
    item.element = h("li", { className: "alert", "data-id": id },
      item.head, item.headline, item.meta, item.reason, actions, item.correctForm, item.retractForm, item.deliveryPanel);
    return item;
  }

  update(item, alert) {
    item.alert = alert;
    item.version = versionOf(alert);
    item.element.dataset.status = alert.status;
    // A retraction removes the content from public reads: the console shows the full record only when its own request returned it.
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
    item.reason.textContent = alert.retractionReason ? `Retracted: ${alert.retractionReason}` : "Retracted";
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
    this.finish(result, item, item.correctForm, item.correctError);
  }

  async retract(event, item) {
    event.preventDefault();
    const result = await this.api.request("POST", `/api/v1/alerts/${encodeURIComponent(item.alert.id)}/retract`, { reason: item.reasonInput.value });
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
