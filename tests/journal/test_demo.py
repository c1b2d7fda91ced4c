import pytest
from django.core.management import call_command

from meridian.accounts.models import User
from meridian.journal.models import Category, Post, Tag

pytestmark = pytest.mark.django_db


def test_demo_loads_a_complete_journal_once(client, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "Staff login: username 'admin'" in out
    public = Post.objects.published()
    assert public.count() >= 8
    assert Category.objects.count() >= 3
    assert Tag.objects.count() >= 6
    assert User.objects.filter(posts__isnull=False).distinct().count() >= 2
    assert public.exclude(reviewed_by="").exclude(sources="").exists()
    assert public.exclude(featured_image=None).exists()
    assert Post.objects.filter(status=Post.Status.DRAFT).exists()
    scheduled = Post.objects.exclude(pk__in=public).filter(status=Post.Status.PUBLISHED)
    assert scheduled.exists()
    for post in Post.objects.exclude(pk__in=public):
        assert client.get(post.get_absolute_url()).status_code == 404

    call_command("demo")
    assert "Staff login" not in capsys.readouterr().out
    assert Post.objects.count() == public.count() + 2


def test_staff_login_printed_by_demo_works(client, capsys):
    call_command("demo")
    password = capsys.readouterr().out.split("password '")[1].split("'")[0]
    assert client.login(username="admin", password=password)


def test_demo_articles_do_not_claim_a_later_update(client):
    call_command("demo")
    html = client.get("/articles/cupping-explained/").content.decode()
    assert "Updated" not in html
