// A client generated from the OpenAPI document (alerts.d.ts, by openapi-typescript) publishes,
// corrects and retracts one alert; what the server answered is printed as JSON for the test to check.
import createClient from "openapi-fetch";
import type { paths } from "./alerts.js";

// Node's environment, declared here rather than pulling in all of @types/node.
declare const process: { env: Record<string, string | undefined> };

const baseUrl = process.env.ALERTS_BASE;
const key = process.env.ALERTS_KEY;
if (!baseUrl || !key) {
  throw new Error("ALERTS_BASE and ALERTS_KEY are required");
}

const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });

const published = await client.POST("/api/v1/alerts", {
  body: { edition: "en", headline: "Typed client: published", urgency: "breaking" },
});
// 201 is the published event; 202 would be an alert held for approval, which this key's edition does not ask for.
if (!published.data || !("alert" in published.data)) {
  throw new Error(`publish: ${published.response.status} ${JSON.stringify(published.error ?? published.data)}`);
}
const id: string = published.data.alert.id;

const corrected = await client.PATCH("/api/v1/alerts/{id}", {
  params: { path: { id } },
  body: { headline: "Typed client: corrected" },
});
if (!corrected.data || !("alert" in corrected.data)) {
  throw new Error(`correct: ${corrected.response.status} ${JSON.stringify(corrected.error ?? corrected.data)}`);
}

const retracted = await client.POST("/api/v1/alerts/{id}/retract", {
  params: { path: { id } },
  body: { reason: "Typed client: retracted" },
});
if (!retracted.data || !("type" in retracted.data)) {
  throw new Error(`retract: ${retracted.response.status} ${JSON.stringify(retracted.error ?? retracted.data)}`);
}

console.log(JSON.stringify({
  id,
  published: published.response.status,
  correctedHeadline: corrected.data.alert.headline,
  correctedVersion: corrected.data.alert.version,
  retracted: retracted.data.type,
}));
