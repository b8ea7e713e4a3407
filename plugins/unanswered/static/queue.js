// Refresh the counts every 15 seconds without reloading the page (and losing a typed note).
(function () {
  var box = document.getElementById("counts");
  function refresh() {
    fetch(box.dataset.url, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.json();
    }).then(function (counts) {
      box.querySelectorAll("[data-count]").forEach(function (el) {
        el.textContent = counts[el.dataset.count];
      });
      document.getElementById("counts-note").textContent =
        "(updated " + new Date().toLocaleTimeString() + ")";
    }).catch(function () {
      document.getElementById("counts-note").textContent = "(could not update the counts)";
    });
  }
  setInterval(refresh, 15000);
})();
