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

  function stopped(text) {
    bar.value = 0;
    say(text);
    button.disabled = false;
  }

  function show(request) {
    var page = new DOMParser().parseFromString(request.responseText, "text/html");
    var main = page.querySelector("main");
    var here = document.querySelector("main");
    if (!main || !here) {
      // A plain answer, such as the one refusing an upload over the size limit: its words,
      // as text.
      var answer = (request.responseText || "").trim().slice(0, 500);
      stopped(answer || "The upload failed (" + request.status + "). Try again.");
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
      show(request);
    });
    request.addEventListener("error", function () {
      stopped("The upload did not reach the server. Check the connection and try again.");
    });
    request.addEventListener("abort", function () {
      stopped("The upload was stopped. Choose the files again to try once more.");
    });
    status.hidden = false;
    button.disabled = true;
    say("Sending: 0%");
    request.send(new FormData(form));
  });
})();
