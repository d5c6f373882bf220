/* Registers Tawasul's service worker (pages.pwa) and says when the network is gone.
   The site works without it: this only adds offline reading where the browser supports it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;

  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(script.getAttribute("data-worker"), { scope: "/" }).catch(function () {
        /* No offline copies then; the site works as before. */
      });
    });
  }

  // A page from the copy kept on this device (the service worker marks its body), or read while the
  // network is gone: say so above the content.
  var notice = null;
  var saved = document.body.classList.contains("pwa-saved-copy");
  function update() {
    var main = document.getElementById("main");
    if (!main || document.body.classList.contains("offline-page")) return;
    if (navigator.onLine && !saved) {
      if (notice) notice.hidden = true;
      return;
    }
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "notice notice--warning pwa-offline-notice";
      notice.setAttribute("role", "status");
      notice.textContent = script.getAttribute("data-offline-notice");
      main.insertBefore(notice, main.firstChild);
    }
    notice.hidden = false;
  }
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
})();
