/* The picture picker in a dialog, on the writing screen.
 *
 * Without this script the "Insert a picture" and "Choose from the library"
 * buttons keep the typed text in the writer's autosave and open the picker
 * as a page. With it, the same picker (the server's own HTML) opens in a
 * <dialog>: searching, paging and uploading happen inside it, and a chosen
 * picture goes into the text at the cursor, with its alt text, or becomes
 * the featured image. Only alt text typed for a picture that lacked it is
 * sent to the server (the library keeps it).
 */
(function () {
  "use strict";

  var form = document.getElementById("editor");
  var dialog = document.querySelector("[data-picker-dialog]");
  if (!form || !dialog || !window.fetch || typeof dialog.showModal !== "function") return;
  var content = dialog.querySelector("[data-picker-content]");
  var pickerUrl = form.getAttribute("data-picker-url");
  var body = form.querySelector("textarea[name=body]");
  var featuredInput = form.querySelector("input[name=featured_image]");
  var featuredShown = form.querySelector("[data-featured-shown]");
  var featuredNone = form.querySelector("[data-featured-none]");
  var featuredAlt = form.querySelector("[data-featured-alt]");
  var dropFeatured = form.querySelector("[data-drop-featured]");
  var target = "body";
  var cursor = { start: 0, end: 0 };
  var opener = null;
  var bodyTouched = false; // until the writer puts the cursor in, pictures go last

  if (body) {
    body.addEventListener("focus", function () {
      bodyTouched = true;
    });
  }

  function changed(field) {
    // studio-editor.js listens for input on the form: autosave and preview.
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function load(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = { "X-Requested-With": "fetch" };
    return fetch(url, options)
      .then(function (response) {
        if (response.status === 401 || response.redirected) throw new Error("signed out");
        return response.text();
      })
      .then(function (html) {
        // The server's template, escaped as every page of the site is.
        content.innerHTML = html;
        var fresh = content.querySelector(".picker__item--new button, #picker-q");
        if (fresh) fresh.focus();
      })
      .catch(function () {
        content.textContent = "";
        var note = document.createElement("p");
        note.className = "form__errors";
        note.setAttribute("role", "alert");
        note.textContent =
          "The library could not be reached. Your text is safe; close this and try again.";
        content.append(note);
      });
  }

  function open(kind, button) {
    target = kind;
    opener = button;
    if (body) {
      cursor = bodyTouched
        ? { start: body.selectionStart, end: body.selectionEnd }
        : { start: body.value.length, end: body.value.length };
    }
    content.textContent = "Loading the library…";
    dialog.showModal();
    load(pickerUrl + "?for=" + encodeURIComponent(kind));
  }

  function close() {
    dialog.close();
  }

  dialog.addEventListener("close", function () {
    content.textContent = "";
    if (target === "body" && body) body.focus();
    else if (opener) opener.focus();
  });

  function paragraphAround(before, after, markdown) {
    var lead = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var trail = !after ? "\n" : /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    return lead + markdown + trail;
  }

  function insert(markdown) {
    var value = body.value;
    var text = paragraphAround(
      value.slice(0, cursor.start),
      value.slice(cursor.end),
      markdown
    );
    body.setRangeText(text, cursor.start, cursor.end, "end");
    changed(body);
  }

  function feature(choice) {
    featuredInput.value = String(choice.id);
    var old = featuredShown.querySelector("picture, img");
    if (old) old.remove();
    var holder = document.createElement("div");
    holder.innerHTML = choice.picture;
    var shown = holder.firstElementChild;
    if (shown) {
      var img = shown.tagName === "IMG" ? shown : shown.querySelector("img");
      if (img) img.className = "featured__picture";
      featuredShown.insertBefore(shown, featuredAlt);
    }
    featuredAlt.textContent = choice.alt;
    featuredShown.hidden = false;
    if (featuredNone) featuredNone.hidden = true;
    if (dropFeatured) dropFeatured.hidden = false;
    changed(featuredInput);
  }

  function use(choice) {
    if (target === "featured") feature(choice);
    else insert(choice.markdown);
    close();
  }

  function choiceFrom(useForm) {
    var item = useForm.closest(".picker__item");
    var picture = item && item.querySelector("picture, img");
    return {
      id: useForm.getAttribute("data-id"),
      markdown: useForm.getAttribute("data-markdown"),
      alt: (useForm.querySelector(".picker__alt") || {}).textContent || "",
      picture: picture ? picture.outerHTML : "",
    };
  }

  content.addEventListener("submit", function (event) {
    var sent = event.target;
    event.preventDefault();
    if (sent.hasAttribute("data-picker-search")) {
      var query = new URLSearchParams(new FormData(sent)).toString();
      load(pickerUrl + "?" + query);
    } else if (sent.hasAttribute("data-picker-upload")) {
      var button = sent.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
        button.textContent = "Uploading…";
      }
      load(pickerUrl, { method: "POST", body: new FormData(sent) });
    } else if (sent.hasAttribute("data-picker-use")) {
      if (sent.hasAttribute("data-markdown")) {
        var known = choiceFrom(sent);
        if (target === "featured") {
          // The full title of the picture, not the shortened one on the card.
          known.alt = parseAlt(known.markdown) || known.alt;
        }
        use(known);
        return;
      }
      // Alt text typed here: the library keeps it, then the picture is used.
      fetch(pickerUrl, {
        method: "POST",
        body: new FormData(sent),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (answer) {
            return { ok: response.ok, answer: answer };
          });
        })
        .then(function (result) {
          if (result.ok) {
            use(result.answer);
            return;
          }
          var field = sent.querySelector("input[name=alt]");
          var note = sent.querySelector(".errorlist") || document.createElement("p");
          note.className = "errorlist";
          note.id = field.id + "-error";
          note.textContent = (result.answer.errors || []).join(" ");
          field.parentNode.insertBefore(note, field);
          field.setAttribute("aria-invalid", "true");
          field.setAttribute("aria-describedby", note.id);
          field.focus();
        })
        .catch(function () {
          load(pickerUrl + "?for=" + encodeURIComponent(target));
        });
    }
  });

  function parseAlt(markdown) {
    var match = /^!\[([^\]]*)\]/.exec(markdown || "");
    return match ? match[1] : "";
  }

  content.addEventListener("click", function (event) {
    var link = event.target.closest("a");
    if (!link) return;
    if (link.hasAttribute("data-picker-back")) {
      event.preventDefault();
      close();
    } else if (link.hasAttribute("data-picker-page")) {
      event.preventDefault();
      load(link.href);
    }
  });

  dialog.querySelector("[data-picker-close]").addEventListener("click", close);

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick], [data-format=image], [data-drop-featured]");
    if (!button) return;
    event.preventDefault();
    if (button.hasAttribute("data-drop-featured")) {
      featuredInput.value = "";
      featuredShown.hidden = true;
      if (featuredNone) featuredNone.hidden = false;
      button.hidden = true;
      changed(featuredInput);
      return;
    }
    open(button.getAttribute("data-pick") || "body", button);
  });
})();
