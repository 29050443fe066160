import assert from "node:assert/strict";
import { test } from "node:test";
import {
  audiencePath, audienceText, debounce, duplicateFromProblem, duplicatesFromPreview, duplicateText, flagLeftLive, placeholderFor,
  liveSiblings, phoneText, remainingEditions, storyIdOf,
} from "../src/judgement-model.js";

test("the audience query carries the edition, sections, regions and urgency, leaving out empty lists", () => {
  assert.equal(
    audiencePath({ edition: "ar", sections: ["world", "politics"], regions: [], urgency: "flash" }),
    "/api/v1/editions/ar/audience?sections=world%2Cpolitics&urgency=flash");
});

test("the audience figure names readers and phones, and says when push is off", () => {
  assert.equal(audienceText({ liveReaders: 1204, devices: { pushEnabled: true, count: 1 } }), "1,204 live ticker readers · 1 phone if pushed");
  assert.equal(audienceText({ liveReaders: 1, devices: { pushEnabled: false, count: 0 } }), "1 live ticker reader · push is off on this server");
});

test("only a 409 of the near-duplicate type is a duplicate", () => {
  const problem = { type: "/api/v1/problems/near-duplicate", duplicateOf: "01A", duplicateHeadline: "Quake hits coast", similarity: 0.874 };
  assert.deepEqual(duplicateFromProblem(409, problem), { id: "01A", headline: "Quake hits coast", similarity: 0.874 });
  assert.equal(duplicateFromProblem(409, { ...problem, type: "/api/v1/problems/conflict" }), null);
  assert.equal(duplicateFromProblem(400, problem), null);
  assert.equal(duplicateText(duplicateFromProblem(409, problem)), "Looks like a repeat (87% alike) of: “Quake hits coast”");
});

test("a preview's near-duplicates come closest first, and a preview without them has none", () => {
  const preview = { nearDuplicates: [{ id: "a", headline: "x", similarity: 0.7 }, { duplicateOf: "b", duplicateHeadline: "y", similarity: 0.9 }] };
  assert.deepEqual(duplicatesFromPreview(preview).map((d) => d.id), ["b", "a"]);
  assert.deepEqual(duplicatesFromPreview({ alert: {} }), []);
});

test("the phone preview is the notification of the first message the server would send", () => {
  const preview = { push: { messages: [{ data: { type: "x" } }, { message: { notification: { title: "عاجل", body: "انفجار" } } }] } };
  assert.deepEqual(phoneText(preview), { title: "عاجل", body: "انفجار" });
  assert.equal(phoneText({ push: { messages: [] } }), null);
});

test("a sibling links to the first alert's story, or to the first alert when it had none", () => {
  assert.equal(storyIdOf({ id: "01A", storyId: "quake" }), "quake");
  assert.equal(storyIdOf({ id: "01A", storyId: null }), "01A");
  assert.deepEqual(remainingEditions([{ key: "en" }, { key: "ar" }, { key: "es" }], ["en"]).map((e) => e.key), ["ar", "es"]);
});

test("a version still live after a sibling was retracted is flagged, and only the live ones are offered for retraction", () => {
  const story = [{ id: "1", status: "retracted" }, { id: "2", status: "published" }, { id: "3", status: "corrected" }];
  assert.deepEqual(flagLeftLive(story).map((a) => a.leftLive), [false, true, true]);
  assert.deepEqual(flagLeftLive(story.slice(1)).map((a) => a.leftLive), [false, false]);
  assert.deepEqual(liveSiblings(story, story[1]).map((a) => a.id), ["3"]);
});

test("debounce runs once, after the last call", async () => {
  const calls = [];
  const run = debounce((value) => calls.push(value), 20);
  run(1);
  run(2);
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(calls, [2]);
});

test("the empty preview speaks the edition's language", () => {
  assert.equal(placeholderFor("ar"), "يظهر العنوان هنا");
  assert.equal(placeholderFor("en"), "Your headline appears here");
});
