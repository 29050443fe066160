// The console's judgement and story logic without the DOM, so node --test can check it.

/** The audience query for a draft's edition, sections, regions and urgency. */
export function audiencePath(draft) {
  const query = new URLSearchParams();
  if (draft.sections.length) {
    query.set("sections", draft.sections.join(","));
  }
  if (draft.regions.length) {
    query.set("regions", draft.regions.join(","));
  }
  query.set("urgency", draft.urgency);
  return `/api/v1/editions/${encodeURIComponent(draft.edition)}/audience?${query}`;
}

/** "1,204 live ticker readers · 18,000 phones": the audience figure in one line. */
export function audienceText(audience) {
  const readers = `${formatCount(audience.liveReaders)} live ticker ${audience.liveReaders === 1 ? "reader" : "readers"}`;
  const devices = audience.devices;
  if (!devices) {
    return readers;
  }
  const phones = devices.pushEnabled
    ? `${formatCount(devices.count)} ${devices.count === 1 ? "phone" : "phones"} if pushed`
    : "push is off on this server";
  return `${readers} · ${phones}`;
}

function formatCount(value) {
  return Number(value || 0).toLocaleString("en-US");
}

/** The near-duplicate a 409 names ({ id, headline, similarity }), or null for any other problem. */
export function duplicateFromProblem(status, problem) {
  if (status !== 409 || !problem || typeof problem.type !== "string" || !problem.type.endsWith("/near-duplicate")) {
    return null;
  }
  return { id: problem.duplicateOf, headline: problem.duplicateHeadline, similarity: problem.similarity };
}

/** The near-duplicates a preview lists, in the same shape, closest first; none when the server does not say. */
export function duplicatesFromPreview(preview) {
  const list = (preview && Array.isArray(preview.nearDuplicates)) ? preview.nearDuplicates : [];
  return list
    .map((d) => ({ id: d.id || d.duplicateOf, headline: d.headline || d.duplicateHeadline, similarity: d.similarity }))
    .sort((a, b) => (b.similarity || 0) - (a.similarity || 0));
}

/** " (87% alike)", or nothing when the server gave no similarity. */
export function duplicateShare(duplicate) {
  return typeof duplicate.similarity === "number" ? ` (${Math.round(duplicate.similarity * 100)}% alike)` : "";
}

/** "Looks like a repeat (87% alike) of: …" */
export function duplicateText(duplicate) {
  return `Looks like a repeat${duplicateShare(duplicate)} of: “${duplicate.headline}”`;
}

const placeholders = { ar: "يظهر العنوان هنا", es: "Aquí aparece el titular" };

/** The empty preview's line, in the edition's language. */
export function placeholderFor(language) {
  return placeholders[language] || "Your headline appears here";
}

/** What the phone shows: title and body of the first push message the server would send, or null without one. */
export function phoneText(preview) {
  const messages = (preview && preview.push && preview.push.messages) || [];
  for (const message of messages) {
    const notification = findNotification(message);
    if (notification && (notification.title || notification.body)) {
      return { title: notification.title || "", body: notification.body || "" };
    }
  }
  return null;
}

function findNotification(message) {
  if (!message || typeof message !== "object") {
    return null;
  }
  if (message.notification) {
    return message.notification;
  }
  return findNotification(message.message);
}

/** The story id a sibling in another edition links to: the first alert's story, or the first alert itself. */
export function storyIdOf(alert) {
  return alert.storyId || alert.id;
}

/** Editions the story could still be posted in: those the key may use, minus those it already has. */
export function remainingEditions(editions, postedEditions) {
  return editions.filter((e) => !postedEditions.includes(e.key));
}

/**
 * The versions of a story with `leftLive` set on each one still live while a sibling was retracted:
 * the reader in that language still sees a line the desk withdrew elsewhere.
 */
export function flagLeftLive(alerts) {
  const anyRetracted = alerts.some((alert) => alert.status === "retracted");
  return alerts.map((alert) => ({ ...alert, leftLive: anyRetracted && alert.status !== "retracted" }));
}

/** The siblings a retraction of `alert` may take along: the story's other versions still live. */
export function liveSiblings(alerts, alert) {
  return alerts.filter((other) => other.id !== alert.id && other.status !== "retracted");
}

/** Calls `action` once `wait` ms after the last call. */
export function debounce(action, wait) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), wait);
  };
}
