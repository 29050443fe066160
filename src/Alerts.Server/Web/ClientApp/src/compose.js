import { fieldErrors } from "./editor-api.js";
import { localInputToIso, newsroomZone, publishLabel, scheduleLabel, scriptMismatch, waitingMessage } from "./desk-model.js";
import { h, headlineLength, showFieldErrors } from "./dom.js";
import { roveWithin } from "./roving.js";
import {
  audiencePath, audienceText, debounce, duplicateFromProblem, duplicatesFromPreview, duplicateShare, phoneText, placeholderFor, remainingEditions, storyIdOf,
} from "./judgement-model.js";

// Long enough that typing a word costs one preview, short enough that it follows the editor.
const judgeDelay = 400;

export const maxHeadline = 280;

/** The compose form: inputs, counter, previews, confirmation of a flash push, and publishing. */
export class Compose {
  constructor(api, editions, taxonomy, onPublished, onWaiting, onOpenStory, ownReaders) {
    this.ownReaders = ownReaders || (() => 0);
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
    this.schedule = document.getElementById("schedule");
    this.scheduleFields = document.getElementById("schedule-fields");
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
    this.testSend = document.getElementById("test-send");
    this.testStatus = document.getElementById("test-send-status");
    this.scriptWarning = document.getElementById("script-warning");
    this.sourceLine = document.getElementById("source-line");
    // What the server last said about the draft: whether it would wait for approval, and the phones it would reach.
    this.judged = { approvalRequired: false, devices: null };
    this.home = editions[0] ? editions[0].key : "";

    this.edition.replaceChildren(...editions.map((e) => h("option", { value: e.key }, `${e.name} (${e.key})`)));
    fillChoices(document.getElementById("sections"), "sections", taxonomy.sections);
    fillChoices(document.getElementById("regions"), "regions", taxonomy.regions);
    roveWithin(document.getElementById("sections"));
    roveWithin(document.getElementById("regions"));

    this.form.addEventListener("input", () => this.update());
    this.form.addEventListener("change", () => this.update());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.publish();
    });
    this.postAnyway.addEventListener("click", () => this.publish({ allowDuplicate: true }));
    this.testSend.addEventListener("click", () => this.sendTest());
    this.edition.addEventListener("change", () => {
      // The edition picked by hand becomes the home the form returns to after a sibling; a sibling's pick does not.
      if (!this.sibling) {
        this.home = this.edition.value;
      }
    });
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
    const publishAt = this.scheduledAt();
    if (publishAt) {
      body.publishAt = publishAt;
    }
    if (this.storyLink.dataset.storyId) {
      body.storyId = this.storyLink.dataset.storyId;
      if (this.image) {
        body.image = this.image;
      }
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

    const text = this.headline.value.trim() || placeholderFor(edition.language);
    this.headline.placeholder = placeholderFor(edition.language);
    this.scriptWarning.textContent = scriptMismatch(this.headline.value, edition) || "";
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
    // The time picker is seven Tab stops in Chromium; it stays out of the way until the editor asks to schedule.
    this.scheduleFields.hidden = !this.schedule.checked;
    const publishAt = this.scheduledAt();
    document.getElementById("publish-at-note").textContent = publishAt
      ? `Goes out ${scheduleLabel(publishAt, this.zone)}.`
      : `Times are in the newsroom's zone, ${this.zone}. Leave empty to publish now.`;
    this.testSend.hidden = !this.push.checked;
    this.label();
    this.judgeSoon();
  }

  /** The time picked, as UTC ISO, while "Schedule for later" is ticked; null to publish now. */
  scheduledAt() {
    return this.schedule.checked ? localInputToIso(this.publishAt.value) : null;
  }

  /** The button names what pressing it does, with the server's latest word on approval and audience. */
  label() {
    this.publishButton.textContent = publishLabel({
      publishAt: this.scheduledAt(),
      push: this.push.checked,
      approvalRequired: this.judged.approvalRequired,
      devices: this.judged.devices,
      zone: this.zone,
    });
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
    // The console's own hub connection is a live reader too; the desk wants to know about the others.
    const reach = audienceResult.ok ? { ...audienceResult.data, liveReaders: Math.max(0, (audienceResult.data.liveReaders || 0) - this.ownReaders(body.edition)) } : null;
    this.audience.textContent = reach ? `Would reach ${audienceText(reach)}.` : "";
    this.judged = { approvalRequired: this.judged.approvalRequired, devices: reach && reach.devices ? reach.devices : null };
    this.label();
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
    this.judged = { ...this.judged, approvalRequired: previewResult.data.approvalRequired === true };
    this.label();
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

  /**
   * Lists the lines the draft repeats, with when and by whom each went out, and the one-click override that sends
   * allowDuplicate. The headline sits in <bdi> so an Arabic line keeps its quotation marks at the right ends.
   */
  showDuplicates(duplicates) {
    const edition = this.selectedEdition;
    this.duplicateList.replaceChildren(...duplicates.map((duplicate) => {
      const who = h("span", { className: "duplicate-who" });
      this.describeDuplicate(duplicate.id, who);
      return h("li", { dir: "ltr", "data-id": duplicate.id }, `Looks like a repeat${duplicateShare(duplicate)} of: “`,
        h("bdi", { lang: edition.language, dir: edition.direction }, duplicate.headline || ""), "”", who);
    }));
    this.duplicateWarning.hidden = duplicates.length === 0;
    this.postAnyway.hidden = duplicates.length === 0;
  }

  /** Fills in " — published 17:02 by desk" (or waiting, with its submitter) from the editor's record of the line. */
  async describeDuplicate(id, element) {
    if (!id) {
      return;
    }
    const result = await this.api.request("GET", `/api/v1/alerts/${encodeURIComponent(id)}`);
    if (!result.ok) {
      return;
    }
    const alert = result.data;
    const time = new Date(alert.status === "scheduled" && alert.publishAt ? alert.publishAt : alert.publishedAt || alert.updatedAt)
      .toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    const by = alert.submittedBy || alert.author;
    element.textContent = alert.status === "pending" ? ` — waiting for approval since ${time}, by ${by}`
      : alert.status === "scheduled" ? ` — scheduled for ${time}, by ${by}`
      : ` — ${alert.status} ${time} by ${by}`;
  }

  /** Sends the would-be push to the server's test phones only (Alerts:Push:TestTokens); nothing is published. */
  async sendTest() {
    this.testStatus.textContent = "Sending to the test phones…";
    const result = await this.api.request("POST", "/api/v1/alerts/preview?send=test", this.body());
    if (!result.ok) {
      this.testStatus.textContent = [result.problem.title, result.problem.detail].filter(Boolean).join(" ");
      return;
    }
    const test = result.data.push && result.data.push.test;
    this.testStatus.textContent = !result.data.push || !result.data.push.enabled ? "Push is off on this server: there is nothing to send."
      : !test || test.devices === 0 ? "No test phones are set up on this server (Alerts:Push:TestTokens)."
      : `Sent to ${test.accepted} of ${test.devices} test ${test.devices === 1 ? "phone" : "phones"}${test.failures.length ? `; refused: ${test.failures.join(", ")}` : ""}.`;
  }

  /** Links the draft to a story (the siblings in other editions carry its id), or unlinks it with null. */
  linkStory(storyId) {
    if (storyId) {
      this.storyLink.dataset.storyId = storyId;
      const name = this.story && this.story.id === storyId ? this.story.name : storyId;
      document.getElementById("story-link-text").textContent = `Linked to the story “${name}”.`;
    } else {
      delete this.storyLink.dataset.storyId;
    }
    this.storyLink.hidden = !storyId;
  }

  /** The "waiting for approval" line gives way to the outcome once the alert it names is decided. */
  settle(alertId, outcome) {
    if (alertId === this.waitingId) {
      this.status.textContent = outcome;
      this.waitingId = null;
    }
  }

  /** After a publication: offers the same story in the editions it is not yet in. */
  offerSiblings(alert) {
    const storyId = storyIdOf(alert);
    if (!this.story || this.story.id !== storyId) {
      this.story = { id: storyId, editions: [] };
    }
    this.story.editions.push(alert.edition);
    this.story.source = this.story.source || alert;
    this.story.name = this.story.name || alert.headline;
    const others = remainingEditions(this.editions, this.story.editions);
    document.getElementById("also-post-editions").replaceChildren(...others.map((edition) =>
      h("button", { type: "button", className: "quiet", lang: edition.language, onclick: () => this.composeSibling(edition) }, `Also post in ${edition.name}`)));
    this.alsoPost.hidden = false;
  }

  /** The same story in another edition: everything but the words carries over, and the source line shows for translating. */
  composeSibling(edition) {
    const source = this.story.source;
    this.sibling = true;
    this.edition.value = edition.key;
    this.edition.dispatchEvent(new Event("change", { bubbles: true }));
    this.sibling = false;
    this.linkStory(this.story.id);
    if (source) {
      this.url.value = source.url || "";
      this.form.querySelectorAll('input[name="urgency"]').forEach((input) => { input.checked = input.value === source.urgency; });
      this.form.querySelectorAll('input[name="sections"]').forEach((input) => { input.checked = (source.sections || []).includes(input.value); });
      this.form.querySelectorAll('input[name="regions"]').forEach((input) => { input.checked = (source.regions || []).includes(input.value); });
      this.push.checked = source.push === true;
      this.image = source.image;
      const from = this.editions.find((e) => e.key === source.edition) || { name: source.edition, language: source.edition, direction: "ltr" };
      this.sourceLine.replaceChildren(`To translate (${from.name}): `, h("bdi", { lang: from.language, dir: from.direction }, source.headline));
      this.sourceLine.hidden = false;
      this.update();
    }
    this.status.textContent = `Composing the ${edition.name} version of “${this.story.name}”.`;
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
      // A sibling done, the form goes back to the desk's own edition, so the next line is not posted into the last sibling's.
      const edition = this.storyLink.dataset.storyId ? this.home : this.edition.value;
      this.form.reset();
      this.edition.value = edition;
      this.linkStory(null);
      this.image = undefined;
      this.sourceLine.hidden = true;
      this.testStatus.textContent = "";
      this.edition.dispatchEvent(new Event("change", { bubbles: true }));
      const target = this.editions.find((e) => e.key === result.data.edition);
      const name = target ? target.name : result.data.edition;
      if (result.status === 202) {
        this.status.textContent = waitingMessage(result.data, name, this.zone);
        this.waitingId = result.data.id;
        this.onWaiting(result.data);
      } else {
        this.status.textContent = `Published to ${name}.`;
        this.waitingId = null;
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
