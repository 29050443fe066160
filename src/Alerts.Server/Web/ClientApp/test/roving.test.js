import assert from "node:assert/strict";
import { test } from "node:test";
import { rovingTarget } from "../src/roving.js";

test("the arrow keys move to the next and previous chip and wrap at the ends", () => {
  assert.equal(rovingTarget("ArrowRight", 0, 3), 1);
  assert.equal(rovingTarget("ArrowDown", 2, 3), 0);
  assert.equal(rovingTarget("ArrowLeft", 0, 3), 2);
  assert.equal(rovingTarget("ArrowUp", 2, 3), 1);
});

test("Home and End go to the first and the last chip", () => {
  assert.equal(rovingTarget("Home", 2, 5), 0);
  assert.equal(rovingTarget("End", 0, 5), 4);
});

test("other keys, Space and Tab among them, and an empty group are left alone", () => {
  assert.equal(rovingTarget(" ", 1, 3), -1);
  assert.equal(rovingTarget("Tab", 1, 3), -1);
  assert.equal(rovingTarget("ArrowRight", 0, 0), -1);
});
