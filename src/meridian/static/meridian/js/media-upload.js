// The media library: drop several pictures (or choose them) and watch each
// upload's progress. Enhancement only: the plain form above works without it.
(function () {
  "use strict";

  var form = document.querySelector("[data-upload-form]");
  var template = document.querySelector("[data-drop-zone-template]");
  var copySource = document.querySelector("[data-copy-source]");

  if (copySource) {
    // Select the whole Markdown on focus, ready to copy.
    copySource.addEventListener("focus", function () { copySource.select(); });
  }
  if (!form || !template || !window.FormData || !window.XMLHttpRequest) {
    return;
  }

  var zone = template.content.firstElementChild.cloneNode(true);
  form.parentNode.insertBefore(zone, form);
  var input = zone.querySelector("[data-drop-input]");
  var list = zone.querySelector("[data-drop-list]");
  var done = zone.querySelector("[data-drop-done]");
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var pending = 0;

  function upload(file) {
    var item = document.createElement("li");
    var name = document.createElement("span");
    var progress = document.createElement("progress");
    var status = document.createElement("span");
    name.textContent = file.name + " ";
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute("aria-label", file.name);
    status.className = "drop-zone__status";
    item.appendChild(name);
    item.appendChild(progress);
    item.appendChild(status);
    list.appendChild(item);

    var data = new FormData();
    data.append("file", file);
    data.append("csrfmiddlewaretoken", token);
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.pathname);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("X-CSRFToken", token);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        progress.value = Math.round((event.loaded / event.total) * 100);
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
      if (request.status === 201) {
        progress.value = 100;
        status.textContent = " " + zone.dataset.uploaded;
        var link = document.createElement("a");
        link.href = answer.url;
        link.textContent = zone.dataset.addAlt;
        status.appendChild(document.createTextNode(" "));
        status.appendChild(link);
      } else {
        item.classList.add("drop-zone__failed");
        status.textContent = " " + ((answer.errors || []).join(" ") || zone.dataset.failed);
      }
      finish();
    });
    request.addEventListener("error", function () {
      item.classList.add("drop-zone__failed");
      status.textContent = " " + zone.dataset.failed;
      finish();
    });
    pending += 1;
    request.send(data);
  }

  function finish() {
    pending -= 1;
    if (pending === 0) {
      done.hidden = false;
    }
  }

  function uploadAll(files) {
    for (var index = 0; index < files.length; index += 1) {
      upload(files[index]);
    }
  }

  input.addEventListener("change", function () {
    uploadAll(input.files);
    input.value = "";
  });
  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("drop-zone--over");
  });
  zone.addEventListener("dragleave", function () {
    zone.classList.remove("drop-zone--over");
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("drop-zone--over");
    uploadAll(event.dataTransfer.files);
  });
})();
