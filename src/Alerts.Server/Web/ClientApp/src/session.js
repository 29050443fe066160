// A person signed in through the newsroom's identity provider: the session cookie authenticates them, and every
// change carries the antiforgery token (the server refuses a change made with the cookie without it).
import { EditorApi } from "./editor-api.js";

const json = { Accept: "application/json, application/problem+json" };

/** The sign-in link when the server has an identity provider, else null. */
export async function providerSignIn() {
  try {
    const response = await fetch("/api/v1/sign-in", { headers: json });
    return response.ok ? (await response.json()).url || null : null;
  } catch {
    return null;
  }
}

/** { me, api } for the signed-in person, or null when there is no session. */
export async function openSession(onUnauthorized) {
  let me;
  try {
    const response = await fetch("/api/v1/me", { headers: json });
    if (!response.ok) {
      return null;
    }
    me = await response.json();
    if (me.kind !== "person") {
      return null;
    }
  } catch {
    return null;
  }
  const token = await fetch("/api/v1/antiforgery", { headers: json }).then((r) => r.json());
  return { me, token, api: new EditorApi(null, onUnauthorized, { [token.headerName]: token.token }) };
}

/** Ends the session here and, where the provider offers it, there too: a form post the browser follows. */
export function endSession(token) {
  const form = Object.assign(document.createElement("form"), { method: "post", action: "/signout" });
  form.append(Object.assign(document.createElement("input"), { type: "hidden", name: "__RequestVerificationToken", value: token.token }));
  document.body.append(form);
  form.submit();
}
