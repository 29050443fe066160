import { fieldErrors } from "./editor-api.js";
import { localInputToIso, newsroomZone, scheduleLabel, waitingMessage } from "./desk-model.js";
import { h, headlineLength, showFieldErrors } from "./dom.js";
import {
  audiencePath, audienceText, debounce, duplicateFromProblem, duplicatesFromPreview, duplicateText, phoneText, remainingEditions, storyIdOf,
} from "./judgement-model.js";

// Long enough that typing a word costs one preview, short enough that it follows the editor.
const judgeDelay = 400;

export const maxHeadline = 280;

/** The compose form: inputs, counter, previews, confirmation of a flash push, and publishing. */
export class Compose {
  constructor(api, editions, taxonomy, onPublished, onWaiting, onOpenStory) {
    this.api = api;
    this.onOpenStory = onOpenStory || (() => {});
    this.story = null;
    this.judgement = 0;
    this.judgeSoon = debounce(() => this.judge(), judgeDelay);
    this.audience = document.getElementById("audience");
    this.duplicateWarning = document.getElementById("duplicate-warning");
    this.duplicateList = document.getElementById("duplicate-list");
    this.postAnyway = document.getElementById("post-anyway");
    this.storyLink = document.getElementById("story-link");
    this.alsoPost = document.getElementById("also-post");
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
    this.postAnyway.addEventListener("click", () => this.publish({ allowDuplicate: true }));
    document.getElementById("story-unlink").addEventListener("click", () => this.linkStory(null));
    document.getElementById("open-story").addEventListener("click", () => this.story && this.onOpenStory(this.story.id));
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
    if (this.storyLink.dataset.storyId) {
      body.storyId = this.storyLink.dataset.storyId;
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
    this.judgeSoon();
  }

  /** The server's judgement of the draft as it stands: audience, exact ticker and phone lines, near-duplicates. */
  async judge() {
    const judgement = ++this.judgement;
    const body = this.body();
    const audience = this.api.request("GET", audiencePath(body));
    const preview = body.headline.trim() ? this.api.request("POST", "/api/v1/alerts/preview", body) : null;
    const audienceResult = await audience;
    // A slower answer to an older draft must not overwrite a newer one.
    if (judgement !== this.judgement) {
      return;
    }
    this.audience.textContent = audienceResult.ok ? `Would reach ${audienceText(audienceResult.data)}.` : "";
    // A refusal stands until the draft changes; the preview may not list duplicates itself.
    const refusalStands = this.refusedDraft === JSON.stringify(body);
    if (!preview) {
      this.showDuplicates([]);
      return;
    }
    const previewResult = await preview;
    if (judgement !== this.judgement || !previewResult.ok) {
      return;
    }
    this.showServerPreview(previewResult.data);
    const duplicates = duplicatesFromPreview(previewResult.data);
    if (duplicates.length || !refusalStands) {
      this.showDuplicates(duplicates);
    }
  }

  showServerPreview(preview) {
    const bar = document.getElementById("preview-bar");
    bar.dataset.source = "server";
    bar.dir = preview.ticker.direction;
    bar.querySelector(".preview-label").textContent = preview.ticker.label;
    bar.querySelector(".preview-line").textContent = preview.ticker.headline;
    const phone = phoneText(preview);
    if (phone) {
      document.querySelectorAll(".phones .notification").forEach((notification) => {
        notification.dataset.source = "server";
        notification.querySelector(".title").textContent = phone.title;
        notification.querySelector(".body").textContent = phone.body;
      });
    }
  }

  /** Lists the lines the draft repeats, with the one-click override that sends allowDuplicate. */
  showDuplicates(duplicates) {
    const edition = this.selectedEdition;
    this.duplicateList.replaceChildren(...duplicates.map((duplicate) =>
      h("li", { dir: "auto", lang: edition.language }, duplicateText(duplicate))));
    this.duplicateWarning.hidden = duplicates.length === 0;
    this.postAnyway.hidden = duplicates.length === 0;
  }

  /** Links the draft to a story (the siblings in other editions carry its id), or unlinks it with null. */
  linkStory(storyId) {
    if (storyId) {
      this.storyLink.dataset.storyId = storyId;
      document.getElementById("story-link-text").textContent = `Linked to story ${storyId}.`;
    } else {
      delete this.storyLink.dataset.storyId;
    }
    this.storyLink.hidden = !storyId;
  }

  /** After a publication: offers the same story in the editions it is not yet in. */
  offerSiblings(alert) {
    const storyId = storyIdOf(alert);
    if (!this.story || this.story.id !== storyId) {
      this.story = { id: storyId, editions: [] };
    }
    this.story.editions.push(alert.edition);
    const others = remainingEditions(this.editions, this.story.editions);
    document.getElementById("also-post-editions").replaceChildren(...others.map((edition) =>
      h("button", { type: "button", className: "quiet", lang: edition.language, onclick: () => this.composeSibling(edition) }, `Also post in ${edition.name}`)));
    this.alsoPost.hidden = false;
  }

  composeSibling(edition) {
    this.edition.value = edition.key;
    this.edition.dispatchEvent(new Event("change", { bubbles: true }));
    this.linkStory(this.story.id);
    this.status.textContent = `Composing the ${edition.name} version of story ${this.story.id}.`;
    this.headline.focus();
  }

  async publish(override) {
    if (this.busy) {
      return;
    }
    const body = { ...this.body(), ...override };
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
      this.showDuplicates([]);
      this.refusedDraft = null;
      this.attempt = null;
      // Back to a blank draft in the same edition: a leftover flash or push must never ride along unnoticed.
      const edition = this.edition.value;
      this.form.reset();
      this.edition.value = edition;
      this.linkStory(null);
      this.update();
      const target = this.editions.find((e) => e.key === result.data.edition);
      const name = target ? target.name : result.data.edition;
      if (result.status === 202) {
        this.status.textContent = waitingMessage(result.data, name, this.zone);
        this.onWaiting(result.data);
      } else {
        this.status.textContent = `Published to ${name} (seq ${result.data.seq}).`;
        this.onPublished(result.data);
        this.offerSiblings(result.data.alert);
      }
      this.headline.focus();
      return;
    }
    this.status.textContent = "";
    const duplicate = duplicateFromProblem(result.status, result.problem);
    if (duplicate) {
      this.error.textContent = "";
      this.refusedDraft = JSON.stringify(this.body());
      this.showDuplicates([duplicate]);
      this.postAnyway.focus();
      return;
    }
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
