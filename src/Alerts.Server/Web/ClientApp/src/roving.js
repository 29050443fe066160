// A group of chips is one Tab stop (the ARIA "roving tabindex"): Tab passes the group, the arrow keys move inside it
// and Space ticks the focused chip, so Publish stays a few Tab presses from the headline however long the taxonomy.

/** The index focus moves to for a key in a group of `count` items, or -1 when the key is not the group's to handle. */
export function rovingTarget(key, index, count) {
  if (count === 0) {
    return -1;
  }
  switch (key) {
    case "ArrowRight":
    case "ArrowDown":
      return (index + 1) % count;
    case "ArrowLeft":
    case "ArrowUp":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return -1;
  }
}

/** Makes the checkboxes in `container` one Tab stop that returns to the chip last focused. */
export function roveWithin(container) {
  const items = () => [...container.querySelectorAll('input[type="checkbox"]')];
  const settle = (current) => items().forEach((input) => { input.tabIndex = input === current ? 0 : -1; });
  settle(items()[0]);
  container.addEventListener("focusin", (event) => settle(event.target));
  container.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey) {
      return;
    }
    const all = items();
    const target = rovingTarget(event.key, all.indexOf(event.target), all.length);
    if (target >= 0) {
      event.preventDefault();
      all[target].focus();
    }
  });
}
