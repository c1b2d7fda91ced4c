/* The Studio's writing screen: comfort on top of a form that works without it.
 *
 * - a Markdown toolbar and keyboard shortcuts on the body;
 * - autosave into the writer's own revision a few seconds after typing stops,
 *   when a field loses focus, and with Ctrl+S; "Saved" / "Saving…" /
 *   "Not saved: offline" tells where the text is;
 * - a copy in this browser too, so a lost connection loses nothing;
 * - a warning before leaving with changes the server has not got;
 * - a live preview rendered by the server, as readers will see it.
 */
(function () {
  "use strict";

  var form = document.getElementById("editor");
  if (!form || !window.fetch || !window.FormData) return;
  var body = form.querySelector("textarea[name=body]");
  var title = form.querySelector("input[name=title]");
  var slug = form.querySelector("input[name=slug]");
  var status = document.querySelector("[data-save-status]");
  var others = document.querySelector("[data-others]");
  var previewBox = document.querySelector("[data-preview]");
  var warningsBox = document.querySelector("[data-preview-warnings]");
  var words = document.querySelector("[data-words]");
  var minutes = document.querySelector("[data-minutes]");
  var toolbar = document.querySelector("[data-toolbar]");
  var autosaveUrl = form.getAttribute("data-autosave-url");
  var previewUrl = form.getAttribute("data-preview-url");
  var backupKey = "meridian:studio:" + autosaveUrl;

  var AUTOSAVE_AFTER = 2500; // ms after the last keystroke
  var AUTOSAVE_AT_LEAST = 10000; // ms between autosaves while typing on
  var PREVIEW_AFTER = 700;
  var HEARTBEAT = 30000;

  var dirty = false; // the server has not got the latest text
  var saving = false;
  var submitting = false;
  var lastSave = Date.now();
  var autosaveTimer = null;
  var previewTimer = null;

  function say(text, state) {
    if (!status) return;
    status.textContent = text;
    status.setAttribute("data-state", state || "");
  }

  function clock() {
    var now = new Date();
    return now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function fields() {
    var data = new FormData(form);
    data.delete("image");
    data.delete("action");
    return data;
  }

  /* ---- a copy in this browser ---- */
  function keepBackup() {
    try {
      localStorage.setItem(
        backupKey,
        JSON.stringify({ title: title.value, body: body.value, at: Date.now() })
      );
    } catch (error) {
      /* private mode or full: the server copy still counts */
    }
  }

  function dropBackup() {
    try {
      localStorage.removeItem(backupKey);
    } catch (error) {
      /* nothing kept */
    }
  }

  function offerBackup() {
    var kept;
    try {
      kept = JSON.parse(localStorage.getItem(backupKey) || "null");
    } catch (error) {
      kept = null;
    }
    if (!kept || (kept.body === body.value && kept.title === title.value)) {
      dropBackup();
      return;
    }
    var note = document.createElement("div");
    note.className = "preview-notice editor-backup";
    note.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent =
      "This browser kept text from " +
      new Date(kept.at).toLocaleString() +
      " that never reached the server.";
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "button button--quiet";
    restore.textContent = "Put that text back";
    restore.addEventListener("click", function () {
      title.value = kept.title;
      body.value = kept.body;
      note.remove();
      changed();
      autosave();
    });
    var forget = document.createElement("button");
    forget.type = "button";
    forget.className = "button button--quiet";
    forget.textContent = "Forget it";
    forget.addEventListener("click", function () {
      dropBackup();
      note.remove();
    });
    note.append(text, restore, " ", forget);
    form.parentNode.insertBefore(note, form);
  }

  /* ---- autosave ---- */
  function showOthers(names) {
    if (!others) return;
    if (names && names.length) {
      others.textContent =
        "Also editing this article: " +
        names.join(", ") +
        ". Saving never overwrites their work silently.";
      others.hidden = false;
    } else {
      others.hidden = true;
      others.textContent = "";
    }
  }

  function autosave(heartbeat) {
    clearTimeout(autosaveTimer);
    if (saving || submitting) return;
    if (!dirty && !heartbeat) return;
    var data = fields();
    if (heartbeat && !dirty) {
      data.delete("title");
      data.delete("body");
    } else {
      saving = true;
      say("Saving…", "saving");
    }
    var sentBody = body.value;
    var sentTitle = title.value;
    fetch(autosaveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        return response
          .json()
          .catch(function () {
            return {};
          })
          .then(function (answer) {
            return { response: response, answer: answer };
          });
      })
      .then(function (result) {
        var answer = result.answer;
        if (result.response.ok) {
          if (!heartbeat || dirty) {
            lastSave = Date.now();
            if (body.value === sentBody && title.value === sentTitle) {
              dirty = false;
              dropBackup();
            } else {
              // Typed on while this save travelled: save that too.
              schedule(AUTOSAVE_AFTER);
            }
            say(
              answer.stale
                ? "Saved for you only " +
                    clock() +
                    ": someone saved a newer version, saving will show both."
                : "Saved " + clock(),
              "saved"
            );
          }
          showOthers(answer.others);
        } else if (result.response.status === 401) {
          showSignedOut(answer);
        } else if (result.response.status === 403) {
          say("Not saved: you may not edit this article any more.", "error");
        } else {
          say("Not saved: the server had a problem. Retrying…", "error");
          schedule(AUTOSAVE_AT_LEAST);
        }
      })
      .catch(function () {
        say("Not saved: offline. Your text is kept here; retrying…", "offline");
        schedule(AUTOSAVE_AT_LEAST);
      })
      .then(function () {
        saving = false;
      });
  }

  function showSignedOut(answer) {
    if (!status) return;
    status.textContent = "";
    status.setAttribute("data-state", "error");
    status.append(
      (answer && answer.message) ||
        "Not saved: you are signed out. Sign in again in another tab; your text stays here. "
    );
    var link = document.createElement("a");
    link.href = (answer && answer.login_url) || "/accounts/login/";
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = " Sign in (new tab)";
    status.append(link);
    schedule(AUTOSAVE_AT_LEAST);
  }

  function schedule(delay) {
    clearTimeout(autosaveTimer);
    autosaveTimer = setTimeout(autosave, delay);
  }

  function changed() {
    dirty = true;
    keepBackup();
    if (!saving) say("Unsaved changes", "dirty");
    var waited = Date.now() - lastSave;
    schedule(waited > AUTOSAVE_AT_LEAST ? 0 : AUTOSAVE_AFTER);
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, PREVIEW_AFTER);
  }

  /* ---- live preview ---- */
  function refreshPreview() {
    if (!previewBox || !previewUrl) return;
    fetch(previewUrl, {
      method: "POST",
      body: fields(),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error("preview " + response.status);
        return response.json();
      })
      .then(function (answer) {
        // Sanitized on the server by the pipeline readers' pages use.
        previewBox.innerHTML = answer.html;
        if (warningsBox) {
          warningsBox.textContent = "";
          (answer.warnings || []).forEach(function (warning) {
            var line = document.createElement("p");
            line.className = "preview-notice";
            line.textContent = warning;
            warningsBox.append(line);
          });
        }
        if (words) words.textContent = answer.words + (answer.words === 1 ? " word" : " words");
        if (minutes) minutes.textContent = answer.minutes + (answer.minutes === 1 ? " minute read" : " minutes read");
      })
      .catch(function () {
        /* the preview waits for the next change */
      });
  }

  /* ---- toolbar and shortcuts ---- */
  function surround(before, after, placeholder) {
    var start = body.selectionStart;
    var end = body.selectionEnd;
    var chosen = body.value.slice(start, end) || placeholder;
    body.setRangeText(before + chosen + after, start, end, "end");
    body.setSelectionRange(start + before.length, start + before.length + chosen.length);
  }

  function prefixLines(prefix) {
    var value = body.value;
    var start = value.lastIndexOf("\n", body.selectionStart - 1) + 1;
    var end = value.indexOf("\n", body.selectionEnd);
    if (end === -1) end = value.length;
    var lines = value.slice(start, end).split("\n");
    var done = lines.map(function (line, index) {
      var mark = typeof prefix === "function" ? prefix(index) : prefix;
      return line.indexOf(mark) === 0 ? line.slice(mark.length) : mark + line;
    });
    body.setRangeText(done.join("\n"), start, end, "select");
  }

  function footnote() {
    var used = body.value.match(/\[\^(\d+)\]/g) || [];
    var number = used.length ? Math.max.apply(null, used.map(function (m) {
      return parseInt(m.slice(2), 10);
    })) + 1 : 1;
    var mark = "[^" + number + "]";
    body.setRangeText(mark, body.selectionEnd, body.selectionEnd, "end");
    var caret = body.selectionEnd;
    body.value = body.value.replace(/\s*$/, "") + "\n\n" + mark + ": ";
    body.focus();
    body.setSelectionRange(body.value.length, body.value.length);
    return caret;
  }

  var formats = {
    heading: function () { prefixLines("## "); },
    bold: function () { surround("**", "**", "bold text"); },
    italic: function () { surround("*", "*", "italic text"); },
    link: function () {
      var address = window.prompt("Address of the link (https://…)", "https://");
      if (address) surround("[", "](" + address + ")", "link text");
    },
    list: function () { prefixLines("- "); },
    numbered: function () { prefixLines(function (index) { return index + 1 + ". "; }); },
    quote: function () { prefixLines("> "); },
    image: function () {
      var address = window.prompt(
        "Address of the image (upload it to the media library first: images on other sites are not shown to readers)",
        "/media/"
      );
      if (!address) return;
      var description = window.prompt("Describe the image for people who cannot see it", "") || "";
      surround("![" + description.replace(/[\[\]]/g, "") + "](" + address, ")", "");
    },
    footnote: footnote,
  };

  function apply(name) {
    if (!formats[name]) return;
    body.focus();
    formats[name]();
    changed();
  }

  // studio-picker.js answers the image button with the library in a dialog.
  var picker = document.querySelector("[data-picker-dialog]");
  var pickerOpens = picker && typeof picker.showModal === "function";

  if (toolbar) {
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-format]");
      if (!button) return;
      var name = button.getAttribute("data-format");
      if (name === "image" && pickerOpens) return;
      apply(name);
    });
  }

  body.addEventListener("keydown", function (event) {
    if (!(event.ctrlKey || event.metaKey)) return;
    var key = event.key.toLowerCase();
    var name = null;
    if (event.altKey && key === "2") name = "heading";
    else if (event.shiftKey && (key === "8" || key === "*")) name = "list";
    else if (event.shiftKey && (key === "7" || key === "&")) name = "numbered";
    else if (event.shiftKey && (key === "9" || key === "(")) name = "quote";
    else if (!event.shiftKey && !event.altKey && key === "b") name = "bold";
    else if (!event.shiftKey && !event.altKey && key === "i") name = "italic";
    else if (!event.shiftKey && !event.altKey && key === "k") name = "link";
    if (name) {
      event.preventDefault();
      apply(name);
    }
  });

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      dirty = true;
      autosave();
    }
  });

  /* ---- wiring ---- */
  form.addEventListener("input", function (event) {
    if (event.target.type === "file") return;
    changed();
  });
  form.addEventListener("change", function (event) {
    if (event.target.type === "file") return;
    changed();
  });
  form.addEventListener("focusout", function () {
    if (dirty) autosave();
  });
  form.addEventListener("submit", function () {
    submitting = true;
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  window.addEventListener("online", function () {
    if (dirty) autosave();
  });
  setInterval(function () {
    autosave(true);
  }, HEARTBEAT);

  if (slug && slug.value.indexOf("untitled-") === 0) slug.value = "";
  offerBackup();
  // Typed before this script ran (a page slow to load): saved like any change.
  if (title.value !== title.defaultValue || body.value !== body.defaultValue) {
    changed();
  }
  refreshPreview();
})();
