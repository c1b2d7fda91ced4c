"""Where the subscription form and links appear on the site's and Studio's pages."""

from meridian.core import slots


def register() -> None:
    slots.register("head", "subscribers/slots/head.html", order=20)
    slots.register("after_article", "subscribers/slots/after_article.html", order=5)
    slots.register("sidebar", "subscribers/slots/sidebar.html", order=20)
    slots.register("footer", "subscribers/slots/footer.html", order=10)
    slots.register("account_panel", "subscribers/slots/account_panel.html", order=20)
    slots.register("studio_editor", "subscribers/slots/studio_editor.html", order=10)
