// "Copy citation" links work as plain links without JavaScript (they open the item's page
// at its citation); with it, a click copies the citation and says so. The text is read from
// a data attribute and written to the clipboard only, never into the page as markup.
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.copy-citation") : null;
  if (!link || !navigator.clipboard) { return; }
  event.preventDefault();
  navigator.clipboard.writeText(link.getAttribute("data-citation") || "").then(function () {
    link.textContent = "Citation copied";
  }, function () {
    window.location.href = link.getAttribute("href");
  });
});
