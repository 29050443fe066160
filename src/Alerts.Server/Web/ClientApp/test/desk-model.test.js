import assert from "node:assert/strict";
import { test } from "node:test";
import { auditPath, describeEntry, localInputToIso, mayJudge, queueCount, scheduleLabel, waitingCorrections, waitingMessage } from "../src/desk-model.js";

const chief = { name: "maria", role: "chief", editions: ["en", "ar"] };
const pending = (submittedBy, edition = "en") => ({ id: "01", status: "pending", submittedBy, edition });

test("a chief judges other keys' pending alerts in its editions, never its own", () => {
  assert.equal(mayJudge(chief, pending("desk")), true);
  assert.equal(mayJudge(chief, pending("maria")), false);
  assert.equal(mayJudge(chief, pending("desk", "es")), false);
  assert.equal(mayJudge({ ...chief, role: "editor" }, pending("desk")), false);
  assert.equal(mayJudge(chief, { ...pending("desk"), status: "scheduled" }), false);
});

test("the badge counts only what waits for this key", () => {
  assert.equal(queueCount(chief, [pending("desk"), pending("maria"), pending("ana", "ar"), pending("x", "es")]), 2);
});

test("a scheduled time shows in the newsroom's zone and in UTC", () => {
  assert.equal(scheduleLabel("2026-12-01T12:00:00.000Z", "Europe/Madrid"), "Tue 1 Dec, 13:00 Europe/Madrid · 12:00 UTC");
  assert.equal(scheduleLabel("2026-12-01T12:00:00.000Z", "Asia/Qatar"), "Tue 1 Dec, 15:00 Asia/Qatar · 12:00 UTC");
});

test("the picker's local time becomes a UTC ISO time, and an empty picker none", () => {
  assert.equal(localInputToIso(""), null);
  assert.equal(localInputToIso("not a time"), null);
  assert.equal(new Date(localInputToIso("2026-12-01T12:00")).getTime(), new Date(2026, 11, 1, 12, 0).getTime());
});

test("the audit query leaves out empty filters", () => {
  assert.equal(auditPath({}), "/api/v1/audit");
  assert.equal(auditPath({ edition: "ar", actor: "", action: "refused", after: 41 }), "/api/v1/audit?edition=ar&action=refused&after=41");
});

test("history lines read as sentences", () => {
  assert.equal(describeEntry({ actor: "maria", action: "approved" }), "maria approved");
  assert.equal(describeEntry({ actor: "desk", action: "refused", detail: "approve: not allowed" }), "desk was refused: approve: not allowed");
});

test("the compose form says why an alert waits", () => {
  assert.match(waitingMessage({ status: "pending" }, "English", "UTC"), /approval/);
  assert.match(waitingMessage({ status: "scheduled", publishAt: "2026-12-01T12:00:00.000Z" }, "English", "UTC"), /12:00 UTC \(English\)/);
});

test("the recent list marks an alert whose correction waits, with the headline the correction would show", () => {
  const entries = [
    { id: "01A", kind: "submission", status: "pending", headline: "A new line" },
    { id: "01B", kind: "correction", status: "pending", headline: "Bridge closed", correction: { headline: "Bridge reopened" } },
    { id: "01C", kind: "correction", status: "pending", headline: "Port shut", correction: { push: true } },
  ];
  assert.deepEqual([...waitingCorrections(entries)], [["01B", "Bridge reopened"], ["01C", "Port shut"]]);
});
