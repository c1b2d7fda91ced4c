"""What every feed of the site shares: text that XML 1.0 can carry."""

import re

# The control characters XML 1.0 refuses; a vertical tab arrives with text
# pasted from a word processor, and one such character would fail the feed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """Return `value` without the characters XML 1.0 cannot carry."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, (list, tuple)):
        return type(value)(xml_text(part) for part in value)
    return value


class XmlSafeFeed:
    """A syndication Feed mixin whose channel and items are always valid XML."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed = {key: xml_text(value) for key, value in feed.feed.items()}
        feed.items = [
            {key: xml_text(value) for key, value in item.items()} for item in feed.items
        ]
        return feed
