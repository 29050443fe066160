// Admins' API keys: the list (never a secret), making one (its secret shown once), rotating and revoking.
import { fieldErrors } from "./editor-api.js";

function element(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function when(time) {
  return time ? new Date(time).toLocaleString() : "—";
}

export class KeysView {
  constructor(api, container) {
    this.api = api;
    this.panel = element("section", { className: "panel keys", id: "keys-panel" });
    this.panel.setAttribute("aria-labelledby", "keys-title");
    this.status = element("p", { className: "hint", role: "status" });
    this.secret = element("p", { className: "secret", hidden: true });
    this.table = element("table", { className: "keys-table" });
    const name = element("input", { id: "key-name", name: "name", autocomplete: "off" });
    const role = element("select", { id: "key-role", name: "role" }, ...["editor", "chief", "admin"].map((r) => new Option(r, r)));
    const editions = element("input", { id: "key-editions", name: "editions", placeholder: "every edition", autocomplete: "off" });
    this.error = element("p", { className: "error", role: "alert" });
    const form = element("form", { id: "key-form" },
      element("label", { htmlFor: "key-name", textContent: "Key name" }), name,
      element("label", { htmlFor: "key-role", textContent: "Role" }), role,
      element("label", { htmlFor: "key-editions", textContent: "Editions (comma-separated)" }), editions,
      element("button", { type: "submit", className: "primary", textContent: "Create key" }), this.error);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const list = editions.value.split(",").map((e) => e.trim()).filter(Boolean);
      const made = await this.api.request("POST", "/api/v1/keys", { name: name.value.trim(), role: role.value, ...(list.length ? { editions: list } : {}) });
      if (!made.ok) {
        this.error.textContent = Object.values(fieldErrors(made.problem)).flat().join(" ") || made.problem.title;
        return;
      }
      this.error.textContent = "";
      name.value = "";
      this.showSecret(made.data);
      await this.load();
    });
    this.panel.append(element("h2", { id: "keys-title", textContent: "API keys" }), form, this.secret, this.status, this.table);
    container.append(this.panel);
  }

  showSecret(key) {
    this.secret.hidden = false;
    this.secret.textContent = `Secret of ${key.name} (shown once, copy it now): ${key.secret}`;
  }

  async load() {
    const listed = await this.api.request("GET", "/api/v1/keys");
    if (!listed.ok) {
      this.status.textContent = listed.problem.title;
      return;
    }
    const head = element("tr", {}, ...["Name", "Role", "Editions", "Source", "Created by", "Expires", "Last used", "Actions"].map((h) => element("th", { textContent: h })));
    this.table.replaceChildren(head, ...listed.data.keys.map((key) => this.row(key)));
  }

  row(key) {
    const actions = element("td");
    if (key.source === "app") {
      const rotate = element("button", { type: "button", className: "quiet", textContent: "Rotate" });
      rotate.addEventListener("click", async () => {
        const rotated = await this.api.request("POST", `/api/v1/keys/${encodeURIComponent(key.name)}/rotate`, { overlap: 3600 });
        if (rotated.ok) {
          this.showSecret(rotated.data);
        }
        await this.load();
      });
      const revoke = element("button", { type: "button", className: "quiet", textContent: "Revoke" });
      revoke.addEventListener("click", async () => {
        await this.api.request("DELETE", `/api/v1/keys/${encodeURIComponent(key.name)}`);
        await this.load();
      });
      actions.append(rotate, revoke);
    }
    const cells = [key.name, key.role, (key.editions || ["all"]).join(", "), key.source, key.createdBy || "—", when(key.expiresAt), when(key.lastUsedAt)];
    const row = element("tr", {}, ...cells.map((text) => element("td", { textContent: text })), actions);
    row.dataset.key = key.name;
    return row;
  }
}
