import { fieldErrors } from "./editor-api.js";
import { localInputToIso, newsroomZone, scheduleLabel, waitingMessage } from "./desk-model.js";
import { h, headlineLength, showFieldErrors } from "./dom.js";

export const maxHeadline = 280;

/** The compose form: inputs, counter, previews, confirmation of a flash push, and publishing. */
export class Compose {
  constructor(api, editions, taxonomy, onPublished, onWaiting) {
    this.api = api;
    this.onWaiting = onWaiting || (() => {});
    this.zone = newsroomZone();
    this.publishAt = document.getElementById("publish-at");
    this.editions = editions;
    this.onPublished = onPublished;
    this.attempt = null;
    this.form = document.getElementById("compose");
    this.edition = document.getElementById("edition");
    this.headline = document.getElementById("headline");
    this.url = document.getElementById("url");
    this.push = document.getElementById("push");
    this.counter = document.getElementById("counter");
    this.error = document.getElementById("compose-error");
    this.status = document.getElementById("compose-status");
    this.publishButton = document.getElementById("publish");
    this.dialog = document.getElementById("confirm-flash");

    this.edition.replaceChildren(...editions.map((e) => h("option", { value: e.key }, `${e.name} (${e.key})`)));
    fillChoices(document.getElementById("sections"), "sections", taxonomy.sections);
    fillChoices(document.getElementById("regions"), "regions", taxonomy.regions);

    this.form.addEventListener("input", () => this.update());
    this.form.addEventListener("change", () => this.update());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.publish();
    });
    this.form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.publish();
      }
    });
    this.update();
  }

  get selectedEdition() {
    return this.editions.find((e) => e.key === this.edition.value) || this.editions[0];
  }

  body() {
    const body = {
      edition: this.edition.value,
      headline: this.headline.value,
      urgency: this.form.querySelector('input[name="urgency"]:checked').value,
      sections: checked(this.form, "sections"),
      regions: checked(this.form, "regions"),
      push: this.push.checked,
    };
    if (this.url.value.trim()) {
      body.url = this.url.value.trim();
    }
    const publishAt = localInputToIso(this.publishAt.value);
    if (publishAt) {
      body.publishAt = publishAt;
    }
    return body;
  }

  update() {
    const edition = this.selectedEdition;
    // Headlines are typed in the edition's language, so the box follows its direction.
    this.headline.dir = edition.direction;
    this.headline.lang = edition.language;
    const length = headlineLength(this.headline.value);
    this.counter.textContent = `${length} / ${maxHeadline}`;
    this.counter.classList.toggle("over", length > maxHeadline);

    const text = this.headline.value.trim() || "Your headline appears here";
    const bar = document.getElementById("preview-bar");
    bar.dir = edition.direction;
    bar.lang = edition.language;
    bar.classList.toggle("flash", this.body().urgency === "flash");
    bar.querySelector(".preview-label").textContent = edition.breakingLabel;
    bar.querySelector(".preview-line").textContent = text;
    document.querySelectorAll(".phones .notification").forEach((notification) => {
      notification.dir = edition.direction;
      notification.lang = edition.language;
      notification.querySelector(".title").textContent = edition.breakingLabel;
      notification.querySelector(".body").textContent = text;
    });
    document.getElementById("push-note").textContent = this.push.checked
      ? "Phones cut long headlines: about 4 lines on a lock screen, 1 line in a collapsed Android notification."
      : "Push is off: this alert goes to tickers only.";
    const publishAt = localInputToIso(this.publishAt.value);
    document.getElementById("publish-at-note").textContent = publishAt
      ? `Goes out ${scheduleLabel(publishAt, this.zone)}.`
      : `Times are in the newsroom's zone, ${this.zone}. Leave empty to publish now.`;
    this.publishButton.textContent = (publishAt ? "Schedule" : "Publish") + (this.push.checked ? " with push" : "");
  }

  async publish() {
    if (this.busy) {
      return;
    }
    const body = this.body();
    if (body.urgency === "flash" && body.push && !(await this.confirmFlash())) {
      return;
    }
    // One key per distinct draft: a retry of the same draft cannot publish it twice.
    const serialized = JSON.stringify(body);
    if (!this.attempt || this.attempt.body !== serialized) {
      this.attempt = { body: serialized, key: newKey() };
    }
    this.busy = true;
    this.publishButton.disabled = true;
    this.error.textContent = "";
    this.status.textContent = "Publishing…";
    const result = await this.api.request("POST", "/api/v1/alerts", body, { "Idempotency-Key": this.attempt.key });
    this.busy = false;
    this.publishButton.disabled = false;
    if (result.ok) {
      showFieldErrors(this.form, {});
      this.attempt = null;
      // Back to a blank draft in the same edition: a leftover flash or push must never ride along unnoticed.
      const edition = this.edition.value;
      this.form.reset();
      this.edition.value = edition;
      this.update();
      const target = this.editions.find((e) => e.key === result.data.edition);
      const name = target ? target.name : result.data.edition;
      if (result.status === 202) {
        this.status.textContent = waitingMessage(result.data, name, this.zone);
        this.onWaiting(result.data);
      } else {
        this.status.textContent = `Published to ${name} (seq ${result.data.seq}).`;
        this.onPublished(result.data);
      }
      this.headline.focus();
      return;
    }
    this.status.textContent = "";
    const unshown = showFieldErrors(this.form, fieldErrors(result.problem));
    const rest = Object.values(unshown).join(" ");
    this.error.textContent = [result.problem.title, result.problem.errors ? rest || "Check the marked fields." : result.problem.detail].filter(Boolean).join(" ");
    const invalid = this.form.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    }
  }

  confirmFlash() {
    return new Promise((resolve) => {
      this.dialog.returnValue = "";
      this.dialog.addEventListener("close", () => resolve(this.dialog.returnValue === "confirm"), { once: true });
      this.dialog.showModal();
    });
  }
}

function fillChoices(container, name, values) {
  container.replaceChildren(...values.map((value) => h("label", { className: "choice chip" }, h("input", { type: "checkbox", name, value }), ` ${value}`)));
}

function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((input) => input.value);
}

function newKey() {
  return window.crypto && crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
