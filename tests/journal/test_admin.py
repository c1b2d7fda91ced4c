import pytest
from django.test import Client
from django.utils import timezone

from meridian.core.models import SiteSettings
from meridian.journal.models import Category, Page, Post, Tag
from tests.factories import PostFactory, UserFactory
from tests.helpers import configure_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    # Two-factor enrolment for staff is tested with accounts; here it would only
    # stand between the editor and the admin.
    configure_site(staff_require_2fa=False)
    editor = UserFactory(is_staff=True, is_superuser=True, display_name="Editor")
    client.force_login(editor)
    client.editor = editor
    return client


def article_form(author, **changes):
    """Return the add-article form as an editor fills it in, published now."""
    now = timezone.localtime()
    return {
        "title": "Written in the admin",
        "slug": "written-in-the-admin",
        "author": author.pk,
        "body": "## Hello\n\nA *calm* paragraph.",
        "summary": "",
        "status": "published",
        "published_at_0": now.strftime("%Y-%m-%d"),
        "published_at_1": now.strftime("%H:%M:%S"),
        "comments_open": "on",
        "featured_image": "",
        "reviewed_by": "",
        "last_reviewed": "",
        "sources": "",
        **changes,
    }


def test_staff_write_and_publish_an_article_in_the_admin(staff_client):
    category = Category.objects.create(name="Treatments", slug="treatments")
    tag = Tag.objects.create(name="Sleep", slug="sleep")
    response = staff_client.post(
        "/admin/journal/post/add/",
        article_form(staff_client.editor, category=category.pk, tags=[tag.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == "/admin/journal/post/", response.url
    post = Post.objects.get(slug="written-in-the-admin")
    assert "<em>calm</em>" in post.body_html
    page = staff_client.get("/articles/written-in-the-admin/")
    assert page.status_code == 200
    assert "A <em>calm</em> paragraph." in page.content.decode()


def test_published_with_the_date_left_empty_is_published_now(staff_client):
    form = article_form(staff_client.editor, published_at_0="", published_at_1="")
    response = staff_client.post("/admin/journal/post/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Post.objects.get(slug="written-in-the-admin").published_at is not None
    assert staff_client.get("/articles/written-in-the-admin/").status_code == 200


def test_a_draft_saved_in_the_admin_stays_undated_and_unseen(staff_client):
    form = article_form(
        staff_client.editor, status="draft", published_at_0="", published_at_1=""
    )
    staff_client.post("/admin/journal/post/add/", form)
    assert Post.objects.get(slug="written-in-the-admin").published_at is None
    assert Client().get("/articles/written-in-the-admin/").status_code == 404


def test_article_form_explains_markdown_and_filters_by_authors_only(staff_client, post):
    PostFactory(author=UserFactory(display_name="Second Author"))
    UserFactory(display_name="Quiet Reader")
    form = staff_client.get("/admin/journal/post/add/").content.decode()
    assert "Markdown: a blank line starts a paragraph" in form
    listing = staff_client.get("/admin/journal/post/").content.decode()
    filters = listing[listing.index('id="changelist-filter"') :]
    assert str(post.author) in filters
    assert "Second Author" in filters
    assert "Quiet Reader" not in filters


def test_only_the_team_and_past_authors_can_sign_an_article(staff_client, post):
    post.author.is_staff = False
    post.author.save()
    reader = UserFactory(display_name="Quiet Reader")
    form = staff_client.get("/admin/journal/post/add/").content.decode()
    author_select = form[form.index('name="author"') :].split("</select>")[0]
    assert "Editor" in author_select
    assert str(post.author) in author_select
    assert "Quiet Reader" not in author_select
    refused = staff_client.post(
        "/admin/journal/post/add/", article_form(reader, slug="by-a-reader")
    )
    assert refused.status_code == 200
    assert not Post.objects.filter(slug="by-a-reader").exists()


def test_admin_lists_and_edit_forms_open(staff_client, post):
    Page.objects.create(title="About", slug="about", body="Hi")
    for url in [
        "/admin/journal/post/",
        f"/admin/journal/post/{post.pk}/change/",
        "/admin/journal/page/",
        "/admin/journal/category/",
        "/admin/journal/tag/",
        "/admin/core/sitesettings/1/change/",
    ]:
        assert staff_client.get(url).status_code == 200, url


def test_site_settings_take_effect_without_a_restart(
    staff_client, client, django_capture_on_commit_callbacks
):
    staff_client.get("/admin/core/sitesettings/")
    response = staff_client.get("/admin/core/sitesettings/1/change/")
    form = response.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name != "logo"
    }
    data = {k: v for k, v in data.items() if v is not False}
    data.update(
        name="Riverside Acupuncture",
        tagline="Calm notes",
        medical_disclaimer="Talk to your own doctor first.",
        navigation="Home = /\nOur team = /about/",
    )
    with django_capture_on_commit_callbacks(execute=True):
        saved = staff_client.post("/admin/core/sitesettings/1/change/", data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    html = client.get("/").content.decode()
    assert "Riverside Acupuncture" in html
    assert 'href="/about/">Our team</a>' in html


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVa\tScript:alert(1)", "\x01javascript:x", "data:,x"],
)
def test_navigation_refuses_script_links(staff_client, client, url):
    response = staff_client.get("/admin/core/sitesettings/1/change/")
    form = response.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name != "logo"
    }
    data = {k: v for k, v in data.items() if v is not False}
    data["navigation"] = f"Home = /\nTrap = {url}"
    refused = staff_client.post("/admin/core/sitesettings/1/change/", data)
    assert refused.status_code == 200
    assert "Links must be web addresses" in refused.content.decode()
    # Even a value stored some other way never reaches a page.
    SiteSettings.objects.filter(pk=1).update(navigation=data["navigation"])
    site = SiteSettings.objects.get(pk=1)
    assert site.navigation_links() == [("Home", "/")]


def test_readers_cannot_open_the_admin(client):
    reader = UserFactory()
    client.force_login(reader)
    response = client.get("/admin/journal/post/")
    assert response.status_code == 302
