// tipsom's own script: small enhancements only. Every page works without it.
(function () {
  "use strict";
  // Ask before destructive actions marked with data-confirm (the message is
  // the translated text in the attribute).
  document.addEventListener("submit", function (ev) {
    var btn = ev.submitter;
    var msg = (btn && btn.getAttribute("data-confirm")) || ev.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) {
      ev.preventDefault();
    }
  });
})();
