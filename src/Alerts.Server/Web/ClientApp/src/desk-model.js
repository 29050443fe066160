// The console's desk logic without the DOM, so node --test can check it: times, the approval queue, audit queries.

/** The newsroom's zone: the browser's, which is the desk's. */
export function newsroomZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** A datetime-local value ("2026-12-01T12:00"), read in the browser's zone, as the UTC ISO time the API takes; null when empty or invalid. */
export function localInputToIso(value) {
  if (!value) {
    return null;
  }
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** The value a datetime-local input shows for a UTC ISO time, in the browser's zone. */
export function isoToLocalInput(iso) {
  const time = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}T${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

/** "Tue 1 Dec, 13:00 Europe/Madrid · 12:00 UTC": a scheduled time in the newsroom's zone and in UTC. */
export function scheduleLabel(iso, zone) {
  const time = new Date(iso);
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
  }).format(time);
  const utc = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", hour: "2-digit", minute: "2-digit" }).format(time);
  return `${local} ${zone} · ${utc} UTC`;
}

/** Whether the signed-in key may approve or reject this waiting alert: a chief or admin, on its editions, never its own. */
export function mayJudge(me, alert) {
  return (me.role === "chief" || me.role === "admin")
    && alert.status === "pending"
    && alert.submittedBy !== me.name
    && me.editions.includes(alert.edition);
}

/** How many pending alerts wait for this key's judgement: the badge's number. */
export function queueCount(me, alerts) {
  return alerts.filter((alert) => mayJudge(me, alert)).length;
}

/** The audit query for the filters; empty filters are left out. */
export function auditPath(filters) {
  const query = new URLSearchParams();
  for (const name of ["edition", "actor", "action", "after", "before", "limit"]) {
    const value = filters[name];
    if (value !== undefined && value !== null && value !== "") {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `/api/v1/audit?${text}` : "/api/v1/audit";
}

const actionWords = {
  submitted: "submitted", edited: "edited", approved: "approved", rejected: "rejected", scheduled: "scheduled",
  cancelled: "cancelled", expired: "expired", published: "published", corrected: "corrected", retracted: "retracted",
  pushed: "pushed", refused: "was refused",
};

/** One history or audit line as a sentence: "maria approved (seq 7)". */
export function describeEntry(entry, zone = "UTC") {
  const what = actionWords[entry.action] || entry.action;
  const detail = readableDetail(entry.detail, zone);
  return detail ? `${entry.actor} ${what}: ${detail}` : `${entry.actor} ${what}`;
}

/** What the compose form says after a submission the server kept waiting. */
export function waitingMessage(alert, editionName, zone) {
  return alert.status === "pending"
    ? `Waiting for approval by a second person (${editionName}).`
    : `Scheduled for ${scheduleLabel(alert.publishAt, zone)} (${editionName}).`;
}

/** Whether the key may edit or cancel a waiting alert: its own, or any in its editions for a chief or admin. */
export function mayChange(me, alert) {
  return me.editions.includes(alert.edition)
    && (alert.submittedBy === me.name || me.role === "chief" || me.role === "admin");
}

/** "17:33", or "Tue 1 Dec, 17:33" when not today, in `zone`. */
function clock(iso, zone, now) {
  const time = new Date(iso);
  const day = (t, z) => new Intl.DateTimeFormat("en-GB", { timeZone: z, year: "numeric", month: "numeric", day: "numeric" }).format(t);
  const hours = (z) => new Intl.DateTimeFormat("en-GB", { timeZone: z, hour: "2-digit", minute: "2-digit" }).format(time);
  const date = day(time, zone) === day(now, zone) ? "" : `${new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "numeric", month: "short" }).format(time)}, `;
  return { local: `${date}${hours(zone)}`, utc: hours("UTC") };
}

/**
 * What the compose button will do, said before it is pressed: "Submit for approval",
 * "Schedule for 17:33 (UTC 15:33)", "Publish and push to ~1,200 devices", "Publish".
 */
export function publishLabel({ publishAt, push, approvalRequired, devices, zone, now = new Date() }) {
  if (approvalRequired) {
    return "Submit for approval";
  }
  if (publishAt) {
    const { local, utc } = clock(publishAt, zone, now);
    return `Schedule for ${local} (UTC ${utc})`;
  }
  if (!push) {
    return "Publish";
  }
  return devices && devices.pushEnabled ? `Publish and push to ~${Number(devices.count).toLocaleString("en-US")} devices` : "Publish and push";
}

const arabicLetters = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const latinLetters = /[A-Za-z\u00C0-\u024F]/g;

/** A warning when the headline is written in a script its edition does not use (Latin into Arabic, Arabic into a Latin edition); null when it fits. */
export function scriptMismatch(text, edition) {
  const arabic = (text.match(arabicLetters) || []).length;
  const latin = (text.match(latinLetters) || []).length;
  const minimum = 3;
  if (edition.direction === "rtl" && latin >= minimum && latin > arabic) {
    return `This headline is in Latin script; the ${edition.name} edition is written in Arabic script.`;
  }
  if (edition.direction !== "rtl" && arabic >= minimum && arabic > latin) {
    return `This headline is in Arabic script; the ${edition.name} edition is written in Latin script.`;
  }
  return null;
}

/** The tab title with the number of alerts waiting for this key: "(2) Alerts · editors' console". */
export function titleWithCount(base, count) {
  return count > 0 ? `(${count}) ${base}` : base;
}

const outcomeActions = ["approved", "rejected", "cancelled", "expired", "published"];

/**
 * The decided list from `GET /api/v1/decisions`: one item per alert, newest decision first, with what
 * happened last, who decided and, for a rejection, why.
 */
export function decidedItems(decisions) {
  const byAlert = new Map();
  for (const decision of [...decisions].sort((a, b) => a.seq - b.seq)) {
    if (!outcomeActions.includes(decision.action)) {
      continue;
    }
    const item = byAlert.get(decision.alertId) || { alertId: decision.alertId, edition: decision.edition };
    const alert = decision.alert || item.alert || null;
    Object.assign(item, { alert, outcome: decision.action, at: decision.at, by: decision.actor, seq: decision.seq });
    item.headline = alert ? alert.headline : undefined;
    item.submittedBy = alert ? alert.submittedBy : undefined;
    if (decision.action === "approved") {
      item.approvedBy = decision.actor;
    }
    if (decision.action === "rejected") {
      item.reason = decision.detail || "";
    }
    byAlert.delete(decision.alertId);
    byAlert.set(decision.alertId, item);
  }
  return [...byAlert.values()].reverse();
}

/** One decided alert as a sentence: "Rejected by maria: not confirmed", "Approved by maria and published". */
export function outcomeText(item) {
  switch (item.outcome) {
    case "approved":
      return `Approved by ${item.by}`;
    case "published":
      return item.approvedBy ? `Approved by ${item.approvedBy} and published` : "Published at its time";
    case "rejected":
      return item.reason ? `Rejected by ${item.by}: ${item.reason}` : `Rejected by ${item.by}`;
    case "cancelled":
      return `Cancelled by ${item.by}`;
    case "expired":
      return "Expired: nobody approved it in time";
    default:
      return item.outcome;
  }
}

/** The notice the submitter gets when someone else decided their alert; null when it is not theirs or they decided it. */
export function noticeFor(me, item) {
  if (!item.submittedBy || item.submittedBy !== me.name || (item.by === me.name && item.outcome !== "published" && item.outcome !== "expired")) {
    return null;
  }
  const headline = item.headline ? ` “${item.headline}”` : "";
  const outcome = outcomeText(item);
  const end = /[.!?…]$/.test(outcome) ? "" : ".";
  return `Your alert${headline}: ${outcome.charAt(0).toLowerCase()}${outcome.slice(1)}${end}`;
}

/** "4 min ago" for a waiting alert's age. */
export function ageText(iso, now = new Date()) {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 60000));
  if (minutes < 1) {
    return "just now";
  }
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min ago`;
}

const isoTime = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** A history detail for people: ISO times in the newsroom's zone and UTC, no log positions. */
export function readableDetail(detail, zone) {
  if (!detail || /^seq \d+$/.test(detail)) {
    return null;
  }
  return detail.replace(isoTime, (iso) => scheduleLabel(iso, zone)).replace(/^publishAt /, "for ");
}

/**
 * How a waiting entry reads: a new submission, or (kind "correction") a correction of a published alert that
 * waits for a second person while the published version stays live.
 */
export function waitingView(entry) {
  if (entry.kind !== "correction") {
    return { correction: false, label: entry.status, headline: entry.headline, was: null, changes: [] };
  }
  const correction = entry.correction || {};
  const changes = Object.keys(correction);
  return {
    correction: true,
    label: "correction",
    headline: correction.headline ?? entry.headline,
    was: correction.headline !== undefined && entry.headline !== undefined && entry.headline !== correction.headline ? entry.headline : null,
    changes,
  };
}

/**
 * The published alerts that have a correction waiting for approval, by alert id, each with the headline it would
 * show: the recent list marks them, so nobody takes a held correction for a lost one.
 */
export function waitingCorrections(entries) {
  return new Map(entries.filter((entry) => entry.kind === "correction").map((entry) => [entry.id, waitingView(entry).headline]));
}

/**
 * How long a pending alert may still wait before it expires: from its submission (its publishedAt while it waits)
 * plus the server's approval timeout, or its publishAt when that is later. Null for a scheduled alert or without a timeout.
 */
export function timeLeftText(alert, timeoutSeconds, now = new Date()) {
  if (alert.status !== "pending" || !timeoutSeconds || !alert.publishedAt) {
    return null;
  }
  const deadline = Math.max(new Date(alert.publishedAt).getTime() + timeoutSeconds * 1000, alert.publishAt ? new Date(alert.publishAt).getTime() : 0);
  const minutes = Math.ceil((deadline - now.getTime()) / 60000);
  if (minutes <= 0) {
    return "expiring now";
  }
  return minutes < 60 ? `${minutes} min left to approve` : `${Math.floor(minutes / 60)} h ${minutes % 60} min left to approve`;
}
