// Starts Swagger UI on the API's OpenAPI document (a file, not an inline script: the CSP forbids those).
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = window.SwaggerUIBundle({
    url: root.getAttribute("data-spec-url"),
    domNode: root,
    deepLinking: true,
    // The spec's own document only: no validator badge fetched from another site.
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
  });
})();
