// The editor API, called from the console on the server's own origin: with the key as a Bearer token, or (key null)
// with a signed-in person's session cookie and the antiforgery header on every change.
const unreachable = { title: "Cannot reach the Alerts server.", detail: "Check the connection and try again." };

export class EditorApi {
  constructor(key, onUnauthorized, changeHeaders = {}) {
    this.key = key;
    this.onUnauthorized = onUnauthorized;
    this.changeHeaders = changeHeaders;
  }

  /** Resolves to { ok, status, data } or { ok: false, status, problem }; never rejects. */
  async request(method, path, body, headers) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers: {
          Accept: "application/json, application/problem+json",
          ...(this.key ? { Authorization: `Bearer ${this.key}` } : {}),
          ...(method === "GET" ? {} : this.changeHeaders),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      return { ok: false, status: 0, problem: unreachable };
    }
    const data = await response.json().catch(() => null);
    if (response.ok) {
      return { ok: true, status: response.status, data };
    }
    if (response.status === 401 && this.onUnauthorized) {
      this.onUnauthorized(data);
    }
    return { ok: false, status: response.status, problem: data || { title: `The server answered ${response.status}.` } };
  }
}

/** The problem's per-field messages, by the JSON field name the API used. */
export function fieldErrors(problem) {
  return (problem && problem.errors) || {};
}
