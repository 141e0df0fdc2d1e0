// "Sign in with OpenAI": opens OpenAI's page in a popup; when the popup is blocked the form simply posts
// and the sign-in runs in this tab. When the popup finishes (message or closed), the card re-renders; the card's
// Cancel closes the popup.
(function () {
  "use strict";

  function refreshCard(url) {
    if (window.htmx && document.getElementById("connection-card")) {
      window.htmx.ajax("GET", url, { target: "#connection-card", swap: "outerHTML" });
    } else {
      window.location.reload();
    }
  }

  var watcher = null;
  var openPopup = null;

  function stopWatching() {
    if (watcher !== null) {
      window.clearInterval(watcher);
      watcher = null;
    }
  }

  // without a message (no opener, other origin) the card refreshes once the popup is closed
  function watch(popup, url) {
    stopWatching();
    watcher = window.setInterval(function () {
      if (popup.closed) {
        stopWatching();
        refreshCard(url);
      }
    }, 500);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !event.data || event.data.type !== "agento-oauth-done") {
      return;
    }
    stopWatching();
    // the Sign in form, or while a sign-in waits its Cancel section, says where the card comes from
    var source = document.querySelector("#connection-card [data-card-url]");
    if (source) {
      refreshCard(source.getAttribute("data-card-url"));
    } else if (document.getElementById("connection-card")) {
      window.location.reload();
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.hasAttribute && form.hasAttribute("data-oauth-cancel")) {
      // Cancel on the card: the attempt ends on the server (the form posts), and its window goes
      stopWatching();
      if (openPopup && !openPopup.closed) {
        openPopup.close();
      }
      openPopup = null;
      return;
    }
    if (!form || !form.hasAttribute || !form.hasAttribute("data-oauth-start")) {
      return;
    }
    var popup = window.open("about:blank", "agento-oauth", "popup,width=520,height=720");
    if (!popup) {
      return; // blocked: the plain form post takes this tab to OpenAI instead
    }
    event.preventDefault();
    openPopup = popup;
    var body = new URLSearchParams(new FormData(form));
    body.set("mode", "popup");
    var cardUrl = form.getAttribute("data-card-url");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("start failed: " + response.status); }
        return response.json();
      })
      .then(function (data) {
        popup.location.href = data.authorizeUrl;
        refreshCard(cardUrl);
        watch(popup, cardUrl);
      })
      .catch(function () {
        popup.close();
        form.submit();
      });
  });
})();
