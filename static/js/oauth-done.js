// Last page of the sign-in popup: tells the Agento tab that opened it (same origin only, no content), then closes.
(function () {
  "use strict";
  if (!window.opener || window.opener.closed) {
    return; // no opener (same-tab flow or severed): the page itself says what happened
  }
  try {
    window.opener.postMessage({ type: "agento-oauth-done" }, window.location.origin);
  } catch (e) {
    return;
  }
  window.setTimeout(function () { window.close(); }, 300);
})();
