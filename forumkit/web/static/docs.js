// Starts Swagger UI on /docs. A file, not inline script, so the page's CSP allows no inline script.
(function () {
  var openapi = document.currentScript.dataset.openapi;
  window.addEventListener("load", function () {
    window.ui = SwaggerUIBundle({
      url: openapi,
      dom_id: "#swagger-ui",
      layout: "BaseLayout",
      docExpansion: "none",  // sections closed: the page draws an operation when its section opens
      deepLinking: true,
      showExtensions: true,
      showCommonExtensions: true,
      validatorUrl: null,  // never send the description to an outside validator
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
    });
  });
})();
