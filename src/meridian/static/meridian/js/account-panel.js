// Open the account panel's "Login" and "Register" doors in place.
// Progressive enhancement: without this script the links simply open the
// pages. Cached pages carry no CSRF token, so the form is fetched from the
// real page, which also sets the CSRF cookie its token matches.
(function () {
  "use strict";

  var PREFIX = "panel-";

  function prefixIds(form) {
    form.querySelectorAll("[id]").forEach(function (node) {
      node.id = PREFIX + node.id;
    });
    form.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = PREFIX + label.htmlFor;
    });
    form.querySelectorAll("[aria-describedby]").forEach(function (node) {
      var ids = node.getAttribute("aria-describedby").split(/\s+/);
      node.setAttribute(
        "aria-describedby",
        ids.map(function (id) { return id ? PREFIX + id : id; }).join(" ")
      );
    });
  }

  function keepPlace(form) {
    if (form.querySelector("input[name=next]")) return;
    var next = document.createElement("input");
    next.type = "hidden";
    next.name = "next";
    next.value = window.location.pathname + window.location.search;
    form.appendChild(next);
  }

  function open(link, slot) {
    var url = link.getAttribute("href");
    if (slot.dataset.openFor === url) {
      var first = slot.querySelector("input:not([type=hidden])");
      if (first) first.focus();
      return;
    }
    link.setAttribute("aria-busy", "true");
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var form = doc.querySelector("main form");
        if (!form) throw new Error("no form");
        form = document.importNode(form, true);
        prefixIds(form);
        keepPlace(form);
        form.classList.add("account-panel__form");
        slot.replaceChildren(form);
        slot.dataset.openFor = url;
        slot.hidden = false;
        panel().querySelectorAll("[data-inline-form]").forEach(function (other) {
          other.setAttribute("aria-expanded", String(other === link));
        });
        var first = form.querySelector("input:not([type=hidden])");
        if (first) first.focus();
      })
      .catch(function () {
        window.location.assign(url);
      })
      .finally(function () {
        link.removeAttribute("aria-busy");
      });
  }

  function panel() {
    return document.querySelector(".account-panel");
  }

  function init() {
    var root = panel();
    if (!root || !window.fetch || !window.DOMParser) return;
    var links = root.querySelectorAll("a[data-inline-form]");
    if (!links.length) return;
    var slot = document.createElement("div");
    slot.className = "account-panel__inline";
    slot.id = "account-panel-inline";
    slot.hidden = true;
    root.appendChild(slot);
    links.forEach(function (link) {
      link.setAttribute("aria-controls", slot.id);
      link.setAttribute("aria-expanded", "false");
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
        event.preventDefault();
        open(link, slot);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
