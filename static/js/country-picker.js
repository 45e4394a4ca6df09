// A picker for long multiple choices (countries, events), built on a plain <select multiple data-picker>.
//
// Without this script the select works as it is (Ctrl/⌘-click to choose several). With it, the select is
// kept (hidden) as the form's value, and shown instead as: the chosen items, each a button that removes
// it; a search box that filters the options as you type (ignoring case and accents; Enter adds the best
// match, Escape clears the box); and the matching options as labelled checkboxes (Tab and Space).
// Every change is announced to screen readers. No library, nothing loaded from the network.
(() => {
  "use strict";

  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();

  function make(tag, properties = {}, attributes = {}) {
    const element = Object.assign(document.createElement(tag), properties);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  }

  function enhance(select) {
    const noun = select.dataset.picker || "options";
    const label = document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
    const labelText = label ? label.textContent.trim() : noun;
    if (label && !label.id) label.id = `${select.id}-label`;

    const chosen = make("ul", { className: "list-unstyled d-flex flex-wrap gap-1 mb-1" }, {
      "aria-label": `Chosen: ${labelText}`,
    });
    const search = make(
      "input",
      {
        type: "search",
        id: `${select.id}-search`,
        className: "form-control form-control-sm mb-1",
        placeholder: `Type to filter ${noun}`,
        autocomplete: "off",
      },
      { "aria-controls": `${select.id}-options` },
    );
    const describedBy = select.getAttribute("aria-describedby");
    if (describedBy) search.setAttribute("aria-describedby", describedBy);
    if (label) {
      label.htmlFor = search.id; // the field's label now names the search box
    }
    const list = make("div", { id: `${select.id}-options`, className: "border rounded px-2 py-1" }, {
      role: "group",
      "aria-label": `${labelText}: matching ${noun}`,
    });
    list.style.maxHeight = "13rem";
    list.style.overflowY = "auto";
    const none = make("p", { className: "text-muted small my-1", textContent: `No ${noun} match.`, hidden: true });
    const status = make("p", { className: "visually-hidden" }, { "aria-live": "polite" });

    const items = Array.from(select.options).map((option, index) => {
      const id = `${select.id}-option-${index}`;
      const row = make("div", { className: "form-check" });
      const box = make("input", { type: "checkbox", id, className: "form-check-input", checked: option.selected });
      const text = make("label", { htmlFor: id, className: "form-check-label", textContent: option.text });
      row.append(box, text);
      list.append(row);
      const item = { option, box, row, key: fold(option.text) };
      box.addEventListener("change", () => choose(item, box.checked));
      return item;
    });
    list.append(none);

    function announce(message) {
      status.textContent = message;
    }

    function renderChosen() {
      chosen.replaceChildren();
      for (const item of items.filter((i) => i.option.selected)) {
        const button = make(
          "button",
          { type: "button", className: "btn btn-sm btn-outline-secondary py-0" },
          { "aria-label": `Remove ${item.option.text}` },
        );
        button.append(item.option.text, make("span", { textContent: " ×" }, { "aria-hidden": "true" }));
        button.addEventListener("click", () => {
          choose(item, false);
          search.focus();
        });
        const entry = make("li");
        entry.append(button);
        chosen.append(entry);
      }
      if (!chosen.children.length) {
        chosen.append(make("li", { className: "text-muted small", textContent: "None chosen yet." }));
      }
    }

    function choose(item, selected) {
      item.option.selected = selected;
      item.box.checked = selected;
      renderChosen();
      announce(`${item.option.text} ${selected ? "added" : "removed"}`);
    }

    function filter() {
      const query = fold(search.value);
      let shown = 0;
      for (const item of items) {
        const match = !query || item.key.includes(query);
        item.row.hidden = !match;
        if (match) shown += 1;
      }
      none.hidden = shown > 0;
      if (query) announce(`${shown} ${shown === 1 ? "match" : "matches"}`);
    }

    search.addEventListener("input", filter);
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault(); // Enter here picks; it never submits the form
        const query = fold(search.value);
        const open = query ? items.filter((i) => !i.row.hidden && !i.option.selected) : [];
        // the best match: a name that starts with what was typed, then a word that does, then any
        const first =
          open.find((i) => i.key.startsWith(query)) || open.find((i) => i.key.includes(` ${query}`)) || open[0];
        if (first) {
          choose(first, true);
          search.value = "";
          filter();
        }
      } else if (event.key === "Escape" && search.value) {
        event.preventDefault();
        search.value = "";
        filter();
      }
    });

    select.hidden = true;
    select.tabIndex = -1;
    select.setAttribute("aria-hidden", "true");
    select.after(chosen, search, list, status);
    renderChosen();
  }

  document.querySelectorAll("select[multiple][data-picker]").forEach(enhance);
})();
