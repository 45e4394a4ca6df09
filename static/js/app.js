// The tracker's own script. No inline scripts anywhere: behaviour is attached here by data attributes.
document.addEventListener("submit", (event) => {
  const message = event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
