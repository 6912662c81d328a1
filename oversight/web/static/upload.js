// The upload form works as a plain form without JavaScript. With it, the page says how much
// of the upload has been sent, then that the files are being read, and then shows the
// results (or the error page) the server answers with, in place of the form. Only the
// server's own page is shown: its main element is moved into this page, never a string.
(function () {
  var form = document.querySelector("form[data-upload-progress]");
  var status = document.getElementById("upload-progress");
  if (!form || !status || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) {
    return;
  }
  var bar = status.querySelector("progress");
  var words = status.querySelector("[data-progress-words]");
  var button = form.querySelector("button[type=submit]");

  function say(text) {
    words.textContent = text;
  }

  function show(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var main = page.querySelector("main");
    var here = document.querySelector("main");
    if (!main || !here) {
      say("The server's answer could not be shown. Reload the page to try again.");
      return;
    }
    document.title = page.title;
    here.replaceWith(document.adoptNode(main));
    main.focus();
  }

  form.addEventListener("submit", function (event) {
    if (!form.checkValidity()) {
      return;
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.getAttribute("action"));
    request.upload.addEventListener("progress", function (sent) {
      if (sent.lengthComputable && sent.total > 0) {
        bar.max = sent.total;
        bar.value = sent.loaded;
        say("Sending: " + Math.floor((100 * sent.loaded) / sent.total) + "%");
      }
    });
    request.upload.addEventListener("load", function () {
      bar.removeAttribute("value");
      say("Sent. Reading the minutes: this can take a minute for many files.");
    });
    request.addEventListener("load", function () {
      show(request.responseText);
    });
    request.addEventListener("error", function () {
      say("The upload did not reach the server. Check the connection and try again.");
      button.disabled = false;
    });
    status.hidden = false;
    button.disabled = true;
    say("Sending: 0%");
    request.send(new FormData(form));
  });
})();
