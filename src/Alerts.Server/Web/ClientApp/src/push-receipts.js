// The Web Push worker's receipts: like the phones' apps, it tells the Alerts server that an alert's
// push arrived and that the reader opened it, so the delivery report counts browsers too. The
// subscription's token, which the page saved with the registration, is the installation id: it
// makes a replayed receipt count once.
import { loadRegistration } from "./push-registration.js";

/**
 * POSTs { alertId, event, platform: "web", installationId } to the server the subscription was
 * registered with. Resolves to whether the server took it; false, without a request, when the
 * push carries no alert or this origin never subscribed through Alerts. A receipt is best effort:
 * a network error or a refusal never fails the push or the click it reports.
 */
export async function reportReceipt(kind, alert, { caches, fetch }) {
  const alertId = alert && alert.id;
  if (!alertId) {
    return false;
  }
  try {
    const saved = await loadRegistration(caches);
    if (!saved || !saved.token) {
      return false;
    }
    const response = await fetch(new URL("api/v1/receipts", saved.server).toString(), {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ alertId, event: kind, platform: "web", installationId: saved.token }),
    });
    return response.ok;
  } catch (error) {
    return false;
  }
}
