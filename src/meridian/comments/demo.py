"""A short conversation under the demo's first article, so a newcomer sees a thread."""

from allauth.account.models import EmailAddress
from django.dispatch import receiver

from meridian.accounts.models import User
from meridian.journal.demo import demo_loaded
from meridian.journal.models import Post

from .actions import shift_comment_count
from .models import Comment

ARTICLE = "what-to-expect-at-your-first-acupuncture-visit"
READERS = {
    "rosa": ("rosa.demo", "Rosa M.", "rosa.demo@example.org"),
    "tom": ("tom.demo", "Tom B.", "tom.demo@example.org"),
}
# (key, reader or "author", text, index of the comment it answers)
CONVERSATION = [
    (
        "rosa",
        "I was nervous before my first visit, and this helped. "
        "Is it normal to feel *very* sleepy afterwards?",
        None,
    ),
    (
        "author",
        "Yes, many people feel sleepy or calm for a few hours. Take it easy "
        "for the rest of the day and drink some water.",
        0,
    ),
    (
        "tom",
        "Good to know about the loose clothing. I wore jeans last time, "
        "which was not the best idea.",
        None,
    ),
]


def _reader(username: str, name: str, email: str) -> User:
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "display_name": name}
    )
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@receiver(demo_loaded)
def add_demo_comments(sender, authors: dict, **kwargs) -> None:
    """Write the demo conversation once, approved, on the first article."""
    post = Post.objects.published().filter(slug=ARTICLE).first()
    if post is None or Comment.objects.filter(post=post).exists():
        return
    people = {key: _reader(*spec) for key, spec in READERS.items()}
    people["author"] = post.author
    written: list[Comment] = []
    for who, text, answers in CONVERSATION:
        comment = Comment(
            post=post,
            parent=written[answers] if answers is not None else None,
            author=people[who],
            body=text,
            status=Comment.Status.APPROVED,
        )
        comment.save()
        written.append(comment)
    shift_comment_count(post.pk, len(written))
