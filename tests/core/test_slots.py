import pytest

from meridian.core import slots

COMMENTS = "comments/slots/after_article.html"


@pytest.fixture
def scratch_place():
    """Leave the "sidebar" place as the apps registered it, whatever a test adds."""
    before = slots.templates_for("sidebar")
    yield "sidebar"
    slots._registry["sidebar"] = [
        entry
        for entry in slots._registry.get("sidebar", [])
        if entry.template_name in before
    ]


def test_an_unknown_place_is_refused():
    with pytest.raises(ValueError, match="Unknown template slot"):
        slots.register("after_footer", "x.html")
    with pytest.raises(ValueError, match="Unknown template slot"):
        slots.templates_for("after_footer")


def test_templates_come_in_order_and_once(scratch_place):
    slots.register(scratch_place, "late.html", order=90)
    slots.register(scratch_place, "early.html", order=1)
    slots.register(scratch_place, "late.html", order=90)
    names = slots.templates_for(scratch_place)
    assert names.index("early.html") < names.index("late.html")
    assert names.count("late.html") == 1


@pytest.mark.django_db
def test_the_article_page_shows_what_fills_after_article(client, post):
    assert COMMENTS in slots.templates_for("after_article")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Leave a Comment" in html


@pytest.mark.django_db
def test_the_article_page_renders_without_comments(client, post):
    slots.unregister("after_article", COMMENTS)
    try:
        response = client.get(post.get_absolute_url())
    finally:
        slots.register("after_article", COMMENTS, order=10)
    assert response.status_code == 200
    html = response.content.decode()
    assert post.title in html
    assert "Leave a Comment" not in html
