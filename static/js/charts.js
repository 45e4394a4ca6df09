// Draws every chart on the page from the figure JSON the server put in its data-figure attribute.
// plotly.js and the world map geometry are served by the app itself: nothing comes from another origin.
(function () {
  "use strict";
  function draw(element) {
    const figure = JSON.parse(element.getAttribute("data-figure"));
    const config = {
      responsive: true,
      displaylogo: false,
      topojsonURL: element.getAttribute("data-topojson-url"),
      toImageButtonOptions: { format: "png", filename: element.getAttribute("data-filename") || "chart" },
      modeBarButtonsToRemove: ["select2d", "lasso2d"],
    };
    window.Plotly.newPlot(element, figure.data, figure.layout, config);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".chart[data-figure]").forEach(draw);
  });
})();
