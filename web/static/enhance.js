// Enhancements only: every page works without this file.
document.documentElement.classList.add("js");
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var code = document.getElementById(button.getAttribute("data-copy"));
      if (code && navigator.clipboard) {
        navigator.clipboard.writeText(code.getAttribute("data-receipt") || code.textContent.trim());
        button.setAttribute("aria-live", "polite");
        button.textContent = button.getAttribute("data-copied") || button.textContent;
      }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});
