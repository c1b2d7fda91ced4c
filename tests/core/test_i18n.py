"""Every interface string of the reading side is translatable, and English ships."""

import re
import subprocess
from pathlib import Path

import pytest

import meridian

PACKAGE = Path(meridian.__file__).parent
READER_TEMPLATES = sorted(
    [
        *PACKAGE.glob("templates/*.html"),
        *PACKAGE.glob("templates/layout/*.html"),
        *PACKAGE.glob("journal/templates/journal/**/*.html"),
        *PACKAGE.glob("core/templates/core/**/*.html"),
        # On every page, and under every article.
        PACKAGE / "accounts/templates/accounts/account_panel.html",
        PACKAGE / "comments/templates/comments/includes/doors.html",
    ]
)
TRANSLATED_BLOCK = re.compile(
    r"{%\s*blocktranslate.*?{%\s*endblocktranslate\s*%}", re.DOTALL
)
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)
SCRIPT = re.compile(r"<script.*?</script>", re.DOTALL)
TEXT_ATTRIBUTE = re.compile(r'\b(?:aria-label|alt|placeholder|title)="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
# Format names stay as they are in every language.
UNTRANSLATED_ALLOWED = {"(RSS)", "(Atom)"}


def untranslated_text(source: str) -> list[str]:
    """Return the words a reader would see that bypass the translation tags."""
    markup = SCRIPT.sub("", TEMPLATE_CODE.sub("", TRANSLATED_BLOCK.sub("", source)))
    found = [
        value.strip()
        for value in TEXT_ATTRIBUTE.findall(markup)
        if re.search("[A-Za-z]", value) and value.strip() not in UNTRANSLATED_ALLOWED
    ]
    text = TAG.sub(" ", markup)
    found += [w.strip() for w in re.findall(r"[A-Za-z][A-Za-z’' ,.!?]{2,}", text)]
    return found


def test_the_scan_finds_bare_text():
    assert untranslated_text('<p>Hello reader</p><a aria-label="Main">→</a>') == [
        "Main",
        "Hello reader",
    ]
    assert untranslated_text('<p>{% translate "Hello" %} {{ name }}</p>') == []


@pytest.mark.parametrize("template", READER_TEMPLATES, ids=lambda p: p.name)
def test_reader_templates_translate_every_string(template):
    source = template.read_text()
    if "?page=" in source:
        source = source.replace("?page=", "?=")
    assert untranslated_text(source) == []


def test_english_catalog_ships_and_compiles():
    catalog = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
    text = catalog.read_text()
    for message in ("Skip to content", "Medically reviewed by %(reviewer)s."):
        assert f'msgid "{message}"' in text
    subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(catalog)], check=True)
