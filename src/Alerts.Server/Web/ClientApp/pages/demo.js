// The demo page: one live ticker per edition, each with the snippet that embeds it elsewhere.
(async () => {
  const container = document.getElementById("editions");
  const template = document.getElementById("edition-card");
  const response = await fetch("/api/v1/editions");
  const { editions } = await response.json();
  for (const edition of editions) {
    const card = template.content.firstElementChild.cloneNode(true);
    const heading = card.querySelector("h2");
    heading.textContent = edition.name;
    heading.id = `edition-${edition.key}`;
    card.setAttribute("aria-labelledby", heading.id);
    const snippet = card.querySelector(".snippet");
    snippet.value = `<script src="${location.origin}/ticker.js" data-edition="${edition.key}" async></script>`;
    const copy = card.querySelector(".copy");
    copy.setAttribute("aria-label", `Copy the ${edition.name} snippet`);
    copy.addEventListener("click", async () => {
      snippet.select();
      try {
        await navigator.clipboard.writeText(snippet.value);
        copy.textContent = "Copied";
      } catch {
        copy.textContent = "Press Ctrl+C to copy";
      }
      setTimeout(() => (copy.textContent = "Copy snippet"), 2000);
    });
    container.appendChild(card);
    window.AlertsTicker.mount({ edition: edition.key, target: card.querySelector(".slot"), empty: "show" });
  }
  container.removeAttribute("aria-busy");
})();
