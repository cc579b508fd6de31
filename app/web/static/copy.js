// Optional: the citation is already on the page as text; this only adds a copy button.
document.querySelectorAll("button.copy").forEach(function (button) {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(button.dataset.cite).then(function () {
      button.textContent = "Đã sao chép";
    });
  });
});
