/** Creates an element with attributes and children; strings become text, never HTML. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === false || value === null || value === undefined) {
      return;
    }
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2), value);
    } else if (name === "className") {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  });
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** Code points after NFC and trimming: how the server counts a headline. */
export function headlineLength(text) {
  return [...text.normalize("NFC").trim()].length;
}

/** Shows each field's messages in the element marked data-error-for="field" under `scope`; returns the fields left over. */
export function showFieldErrors(scope, errors) {
  scope.querySelectorAll("[data-error-for]").forEach((element) => {
    element.textContent = "";
    const control = scope.querySelector(`[aria-describedby~="${element.id}"]`);
    if (control) {
      control.removeAttribute("aria-invalid");
    }
  });
  const unshown = {};
  Object.entries(errors).forEach(([field, messages]) => {
    const element = scope.querySelector(`[data-error-for="${field}"]`);
    const text = messages.map((message) => sentence(field, message)).join(" ");
    if (element) {
      element.textContent = text;
      const control = scope.querySelector(`[aria-describedby~="${element.id}"]`);
      if (control) {
        control.setAttribute("aria-invalid", "true");
      }
    } else {
      unshown[field] = text;
    }
  });
  return unshown;
}

const fieldNames = { url: "The link", headline: "The headline", reason: "The reason", edition: "The edition", urgency: "The urgency", sections: "Sections", regions: "Regions", push: "Push", body: "The request" };

// The API words its messages to follow the field's name ("must be at most 280 characters").
function sentence(field, message) {
  const name = fieldNames[field] || field;
  return /^[a-z']/.test(message) ? `${name} ${message}` : message;
}

export function formatTime(iso) {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
