/** Asks before an action that cannot be taken back; resolves to true when the person confirms. */
export function confirmAction({ title, text, keep, go, preview }) {
  const dialog = document.getElementById("confirm-action");
  document.getElementById("confirm-action-title").textContent = title;
  document.getElementById("confirm-action-text").textContent = text;
  document.getElementById("confirm-action-keep").textContent = keep;
  document.getElementById("confirm-action-go").textContent = go;
  const shown = document.getElementById("confirm-action-preview");
  shown.replaceChildren(...(preview ? [preview] : []));
  shown.hidden = !preview;
  return new Promise((resolve) => {
    dialog.returnValue = "";
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "confirm"), { once: true });
    dialog.showModal();
  });
}
