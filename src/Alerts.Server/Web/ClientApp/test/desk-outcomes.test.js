import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ageText, decidedItems, describeEntry, mayChange, noticeFor, outcomeText, publishLabel, readableDetail, scriptMismatch, timeLeftText, titleWithCount, waitingView,
} from "../src/desk-model.js";

const editor = { name: "desk", role: "editor", editions: ["en"] };
const chief = { name: "maria", role: "chief", editions: ["en", "ar"] };
const english = { key: "en", name: "English", direction: "ltr" };
const arabic = { key: "ar", name: "Arabic", direction: "rtl" };
const alert = { id: "a1", edition: "en", headline: "Dam breaks upstream", submittedBy: "desk", push: true };

test("the decided list keeps one line per alert, newest first, with the rejection's reason", () => {
  const items = decidedItems([
    { seq: 3, at: "2026-12-01T12:05:00Z", actor: "maria", action: "rejected", alertId: "b2", edition: "en", detail: "Not confirmed", alert: { ...alert, id: "b2", headline: "Second" } },
    { seq: 1, at: "2026-12-01T12:00:00Z", actor: "maria", action: "approved", alertId: "a1", edition: "en", alert },
    { seq: 2, at: "2026-12-01T12:00:01Z", actor: "maria", action: "published", alertId: "a1", edition: "en", alert },
  ]);
  assert.deepEqual(items.map((i) => [i.alertId, i.outcome]), [["b2", "rejected"], ["a1", "published"]]);
  assert.equal(outcomeText(items[0]), "Rejected by maria: Not confirmed");
  assert.equal(outcomeText(items[1]), "Approved by maria and published");
});

test("every way a wait ends reads as a sentence naming who", () => {
  assert.equal(outcomeText({ outcome: "cancelled", by: "desk" }), "Cancelled by desk");
  assert.equal(outcomeText({ outcome: "expired", by: "scheduler" }), "Expired: nobody approved it in time");
  assert.equal(outcomeText({ outcome: "published", by: "desk" }), "Published at its time");
  assert.equal(outcomeText({ outcome: "approved", by: "maria" }), "Approved by maria");
});

test("the submitter is told what someone else decided, and nobody else is", () => {
  const rejected = { outcome: "rejected", by: "maria", reason: "Not confirmed", submittedBy: "desk", headline: "Dam breaks upstream" };
  assert.equal(noticeFor(editor, rejected), "Your alert “Dam breaks upstream”: rejected by maria: Not confirmed.");
  assert.equal(noticeFor(chief, rejected), null);
  assert.equal(noticeFor(editor, { ...rejected, outcome: "cancelled", by: "desk" }), null);
  assert.match(noticeFor(editor, { ...rejected, outcome: "expired", by: "scheduler" }), /expired/);
});

test("the publish button says what pressing it will do", () => {
  assert.equal(publishLabel({ approvalRequired: true, push: true }), "Submit for approval");
  assert.equal(publishLabel({ push: false }), "Publish");
  assert.equal(publishLabel({ push: true, devices: { pushEnabled: true, count: 1204 } }), "Publish and push to ~1,204 devices");
  assert.equal(publishLabel({ push: true, devices: { pushEnabled: false, count: 0 } }), "Publish and push");
  const now = new Date("2026-12-01T10:00:00Z");
  assert.equal(publishLabel({ publishAt: "2026-12-01T15:33:00.000Z", zone: "Europe/Madrid", now }), "Schedule for 16:33 (UTC 15:33)");
  assert.equal(publishLabel({ publishAt: "2026-12-02T15:33:00.000Z", zone: "Europe/Madrid", now }), "Schedule for Wed 2 Dec, 16:33 (UTC 15:33)");
});

test("only the submitter, a chief or an admin may edit or cancel a waiting alert", () => {
  assert.equal(mayChange(editor, alert), true);
  assert.equal(mayChange(editor, { ...alert, submittedBy: "maria" }), false);
  assert.equal(mayChange(chief, alert), true);
  assert.equal(mayChange(chief, { ...alert, edition: "es" }), false);
});

test("a headline in the wrong script for its edition is flagged both ways", () => {
  assert.match(scriptMismatch("Explosion in the port of Beirut", arabic), /Latin script/);
  assert.match(scriptMismatch("انفجار في ميناء بيروت", english), /Arabic script/);
  assert.equal(scriptMismatch("انفجار في ميناء بيروت", arabic), null);
  assert.equal(scriptMismatch("انفجار في ميناء بيروت (BBC)", arabic), null);
  assert.equal(scriptMismatch("Explosion in Beirut", english), null);
});

test("the tab title counts what waits for this key", () => {
  assert.equal(titleWithCount("Alerts", 0), "Alerts");
  assert.equal(titleWithCount("Alerts", 3), "(3) Alerts");
});

test("history details read as times and words, not ISO strings or log positions", () => {
  assert.equal(readableDetail("seq 7", "UTC"), null);
  assert.equal(readableDetail("publishAt 2026-12-01T12:00:00Z", "Europe/Madrid"), "for Tue 1 Dec, 13:00 Europe/Madrid · 12:00 UTC");
  assert.equal(describeEntry({ actor: "desk", action: "published", detail: "seq 4" }), "desk published");
});

test("a waiting alert's age reads in minutes", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  assert.equal(ageText("2026-12-01T11:59:40Z", now), "just now");
  assert.equal(ageText("2026-12-01T11:56:00Z", now), "4 min ago");
  assert.equal(ageText("2026-12-01T10:30:00Z", now), "1 h 30 min ago");
});

test("a pending correction reads as a correction of the published alert, with what changes", () => {
  const correction = { id: "c1", kind: "correction", status: "pending", edition: "en", headline: "Dam breaks upstream",
    correction: { headline: "Dam breaks downstream", push: true }, submittedBy: "desk" };
  const view = waitingView(correction);
  assert.equal(view.correction, true);
  assert.equal(view.headline, "Dam breaks downstream");
  assert.equal(view.was, "Dam breaks upstream");
  assert.deepEqual(view.changes, ["headline", "push"]);
  assert.equal(view.push, true, "a correction that notifies phones again is approved as a push");
  const bare = waitingView({ id: "c2", kind: "correction", status: "pending", push: true, correction: { url: "https://news.example/x" } });
  assert.equal(bare.was, null);
  assert.deepEqual(bare.changes, ["url"]);
  assert.equal(bare.push, false, "a correction that does not notify phones again pushes nothing, whatever the published alert did");
  assert.equal(waitingView({ ...alert, status: "pending", kind: "submission" }).correction, false);
});

test("a pending alert shows the time left before it expires, a scheduled one none", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const pending = { status: "pending", publishedAt: "2026-12-01T11:56:00Z" };
  assert.equal(timeLeftText(pending, 900, now), "11 min left to approve");
  assert.equal(timeLeftText({ ...pending, publishAt: "2026-12-01T14:00:00Z" }, 900, now), "2 h 0 min left to approve");
  assert.equal(timeLeftText({ ...pending, publishedAt: "2026-12-01T11:40:00Z" }, 900, now), "expiring now");
  assert.equal(timeLeftText({ ...pending, status: "scheduled" }, 900, now), null);
});
