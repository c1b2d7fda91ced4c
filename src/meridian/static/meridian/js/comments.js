// Comments: reply in place and the staff's ready reply. The page works without it:
// "Reply" opens the reply page and the ready reply is a link that pre-fills the form.
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  if (!form) return;
  var home = form.parentNode;
  var parentInput = form.querySelector("input[name=parent]");
  var replying = form.querySelector("[data-replying]");
  var replyingText = form.querySelector("[data-replying-text]");
  var textarea = form.querySelector("textarea[name=body]");
  var label = form.getAttribute("data-replying-label") || "%(name)s";

  function cancelReply(event) {
    if (event) event.preventDefault();
    home.appendChild(form);
    parentInput.value = "";
    replying.hidden = true;
    textarea.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link) {
      event.preventDefault();
      var card = link.closest(".comment__card");
      card.parentNode.insertBefore(form, card.nextSibling);
      parentInput.value = link.getAttribute("data-reply-to");
      replyingText.textContent = label.replace("%(name)s", link.getAttribute("data-reply-name"));
      replying.hidden = false;
      textarea.focus();
      return;
    }
    if (event.target.closest("[data-cancel-reply]") && home.querySelector("[data-comment-form]") === null) {
      cancelReply(event);
      return;
    }
    var ready = event.target.closest("[data-private-reply]");
    if (ready) {
      event.preventDefault();
      textarea.value = ready.getAttribute("data-private-reply");
      textarea.focus();
    }
  });
})();
