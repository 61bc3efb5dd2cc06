// Shows the print button only when JavaScript can act on it; without JavaScript the browser's own print works.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
