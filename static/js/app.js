// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // An htmx request that failed (413, 500, server down) says so instead of doing nothing.
  function showRequestError(text) {
    var box = document.getElementById("request-error");
    if (box) {
      box.textContent = text;
      box.hidden = false;
    }
  }
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-error");
    if (box) { box.hidden = true; }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail && event.detail.xhr ? event.detail.xhr.status : 0;
    showRequestError(status === 413
      ? "That was more than Agento accepts, so nothing was changed."
      : status === 403
        ? "This page has expired, so nothing was changed. Reload the page and try again."
        : "Something went wrong (HTTP " + status + "), so nothing was changed. Try again.");
  });
  document.addEventListener("htmx:sendError", function () {
    showRequestError("Agento could not be reached. Check your connection and try again.");
  });

  // A form marked data-reset-on-success (the chat's Send) empties itself once its request succeeded.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail && event.detail.elt;
    if (form && form.hasAttribute && form.hasAttribute("data-reset-on-success") && event.detail.successful) {
      var box = form.querySelector("textarea");
      if (box) { box.value = ""; box.focus(); }
    }
  });

  // The newest chat message stays in view while a reply streams in.
  document.addEventListener("htmx:sseMessage", function (event) {
    var item = event.target && event.target.closest ? event.target.closest("li.message") : null;
    if (item && item.scrollIntoView) { item.scrollIntoView({block: "end"}); }
  });

  // Activity times are written in UTC; shown in the reader's own time zone where scripts run.
  function localTimes(root) {
    var times = (root || document).querySelectorAll(".activity time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var when = new Date(times[i].getAttribute("datetime"));
      if (!isNaN(when.getTime())) { times[i].textContent = when.toLocaleString(); }
    }
  }
  document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
  document.addEventListener("htmx:afterSwap", function (event) { localTimes(event.target); });

  // Copy buttons (the sign-in code): shown only where this script runs; copy the text of their data-copy target.
  function showCopyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) { button.hidden = false; });
  }
  document.addEventListener("htmx:afterSettle", showCopyButtons);
  document.addEventListener("DOMContentLoaded", showCopyButtons);
  document.addEventListener("click", function (event) {
    var button = event.target && event.target.closest ? event.target.closest("button[data-copy]") : null;
    var source = button ? document.querySelector(button.getAttribute("data-copy")) : null;
    if (!source) { return; }
    var text = source.textContent.trim();
    var done = function () { button.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(source); });
    } else {
      select(source); // plain http on another machine: select it, the person presses Ctrl-C
    }
  });
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Put the cursor in the first field that has an error message.
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector(".has-error input, .has-error textarea");
    if (invalid) { invalid.focus(); }
  });
})();
