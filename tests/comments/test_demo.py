import pytest
from django.core.management import call_command

from meridian.comments.models import Comment

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_conversation_once(client):
    call_command("demo")
    call_command("demo")
    assert Comment.objects.count() == 3
    html = client.get("/articles/what-to-expect-at-your-first-acupuncture-visit/")
    page = html.content.decode()
    assert "very</em> sleepy" in page
    assert "Rosa M." in page
    assert "3 comments" in client.get("/").content.decode()
