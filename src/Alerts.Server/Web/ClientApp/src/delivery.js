import { h } from "./dom.js";

const pollInterval = 2000;

/**
 * An alert's delivery report, polled while its panel is open, so the numbers move while the push
 * is being sent. The report's shape belongs to the push service; it is shown generically.
 */
export class DeliveryPanel {
  constructor(api, alertId, element) {
    this.api = api;
    this.alertId = alertId;
    this.element = element;
    this.timer = 0;
  }

  open() {
    this.element.hidden = false;
    this.element.replaceChildren(h("p", { className: "hint" }, "Loading the delivery report…"));
    this.poll();
  }

  close() {
    clearTimeout(this.timer);
    this.timer = 0;
    this.element.hidden = true;
  }

  async poll() {
    const result = await this.api.request("GET", `/api/v1/alerts/${encodeURIComponent(this.alertId)}/delivery`);
    if (this.element.hidden) {
      return;
    }
    if (result.ok) {
      const { alertId, ...figures } = result.data || {};
      const pushOff = figures.push && figures.push.enabled === false;
      const parts = [h("h4", null, "Delivery report"), h("p", { className: "delivery-sentence" }, deliverySentence(figures))];
      if (!pushOff && figures.push && figures.push.receipts) {
        parts.push(h("p", { className: "receipts-summary" }, receiptsSummary(figures.push.receipts)));
      }
      // With push off its figures are all zero: they would only read like a failure.
      const { push: _push, ...withoutPush } = figures;
      const shown = pushOff ? withoutPush : figures;
      parts.push(h("details", null, h("summary", null, "All figures"), report(shown)), h("p", { className: "hint" }, `Updated ${new Date().toLocaleTimeString()}`));
      this.element.replaceChildren(...parts);
    } else if (result.status === 404) {
      this.element.replaceChildren(h("p", { className: "hint" }, "No delivery report for this alert yet. It appears here once the server reports delivery."));
    } else {
      this.element.replaceChildren(h("p", { className: "error" }, result.problem.title || "The delivery report could not be read."));
    }
    this.timer = setTimeout(() => this.poll(), pollInterval);
  }
}

/** The report in one plain sentence: where the alert went, and how far the push got. */
export function deliverySentence(figures) {
  const hub = figures.hub || {};
  const screens = hub.connectionsSentTo === undefined ? "live tickers"
    : `${hub.connectionsSentTo} live ${hub.connectionsSentTo === 1 ? "ticker" : "tickers"}`;
  const push = figures.push;
  if (!push || push.enabled === false) {
    return `Sent to ${screens}. Push is off on this server, so no phone was notified.`;
  }
  const pending = push.pending ? ` ${push.pending} sending ${push.pending === 1 ? "job is" : "jobs are"} still running.` : "";
  const failed = push.failed ? `, ${push.failed} failed` : "";
  return `Sent to ${screens}, and pushed to ${push.accepted || 0} of ${push.targets || 0} phones${failed}.${pending}`;
}

/** The newsroom's figure first: the share of targeted devices whose app reported the alert within 2 minutes of the first send. */
export function receiptsSummary(receipts) {
  const share = receipts.shareWithin2Minutes;
  const reached = share === null || share === undefined ? "—" : `${Math.round(share * 100)} %`;
  return `Within 2 minutes: ${reached} of ${receipts.targeted} targeted devices reported it received ` +
    `(${receipts.received} received in all, ${receipts.opened} opened).`;
}

function report(data) {
  return h(
    "dl",
    { className: "report" },
    Object.entries(data || {}).flatMap(([key, value]) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? [h("dt", { className: "group" }, words(key)), h("dd", null, report(value))]
        : [h("dt", null, words(key)), h("dd", null, display(value))],
    ),
  );
}

function words(key) {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function display(value) {
  if (value === null || value === undefined) {
    return "—";
  }
  if (typeof value === "boolean") {
    return value ? "yes" : "no";
  }
  if (Array.isArray(value)) {
    return value.join(", ") || "—";
  }
  if (typeof value === "string" && /^\d{4}-\d\d-\d\dT/.test(value)) {
    return new Date(value).toLocaleString();
  }
  return String(value);
}
