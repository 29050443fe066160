// Sends one Web Push message with npm's web-push library (RFC 8291 aes128gcm, RFC 8292 VAPID), the
// sender most Node.js sites use, to cross-check the tests' fake push service that judges our sender.
// Usage: node send.js <request.json>, the file one JSON object { subscription, vapid: { subject,
// publicKey, privateKey }, payload, topic, urgency, ttl, caPem }; prints the push service's status code.
"use strict";
const fs = require("node:fs");
const https = require("node:https");
const webPush = require("web-push");

(async () => {
  const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  try {
    const result = await webPush.sendNotification(request.subscription, request.payload, {
      vapidDetails: request.vapid,
      contentEncoding: "aes128gcm",
      TTL: request.ttl,
      topic: request.topic,
      urgency: request.urgency,
      // The fake push service's self-signed certificate, trusted for this request only.
      agent: new https.Agent({ ca: request.caPem }),
    });
    process.stdout.write(`${result.statusCode}\n`);
  } catch (error) {
    if (error.statusCode) {
      process.stdout.write(`${error.statusCode}\n`);
    } else {
      process.stderr.write(`${error.stack || error}\n`);
      process.exit(1);
    }
  }
})();
