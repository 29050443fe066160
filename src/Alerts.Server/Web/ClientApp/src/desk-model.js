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
export function describeEntry(entry) {
  const what = actionWords[entry.action] || entry.action;
  return entry.detail ? `${entry.actor} ${what}: ${entry.detail}` : `${entry.actor} ${what}`;
}

/** What the compose form says after a submission the server kept waiting. */
export function waitingMessage(alert, editionName, zone) {
  return alert.status === "pending"
    ? `Waiting for approval by a second person (${editionName}).`
    : `Scheduled for ${scheduleLabel(alert.publishAt, zone)} (${editionName}).`;
}
