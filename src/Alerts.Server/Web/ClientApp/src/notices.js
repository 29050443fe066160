import { h } from "./dom.js";

const shownFor = 20000;

/** Short-lived notices at the top of the page (one live region), each with its own close button. */
export class Notices {
  constructor(element) {
    this.element = element;
  }

  show(text) {
    const notice = h("div", { className: "notice" }, h("p", {}, text),
      h("button", { type: "button", className: "quiet", "aria-label": "Dismiss the notice", onclick: () => notice.remove() }, "×"));
    this.element.append(notice);
    setTimeout(() => notice.remove(), shownFor);
  }
}
