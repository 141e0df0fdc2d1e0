// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Put the cursor in the first field that has an error message.
  document.addEventListener("DOMContentLoaded", function () {
    var invalid = document.querySelector(".has-error input, .has-error textarea");
    if (invalid) { invalid.focus(); }
  });
})();
