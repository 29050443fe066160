import assert from "node:assert/strict";
import { test } from "node:test";
import { deliverySentence } from "../src/delivery.js";

test("the delivery report leads with a plain sentence, and says push is off instead of showing zeros", () => {
  assert.equal(deliverySentence({ hub: { connectionsSentTo: 1 }, push: { enabled: false } }),
    "Sent to 1 live ticker. Push is off on this server, so no phone was notified.");
  assert.equal(deliverySentence({ hub: { connectionsSentTo: 12 }, push: { enabled: true, targets: 40, accepted: 38, failed: 2, pending: 1 } }),
    "Sent to 12 live tickers, and pushed to 38 of 40 phones, 2 failed. 1 sending job is still running.");
});
