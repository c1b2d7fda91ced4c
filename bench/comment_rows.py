"""Create approved comments on an article through the comments app's model."""

TEXT = (
    "Thank you for this article. Comment {number}: the part about what to wear "
    "and eating beforehand was *exactly* what I needed before my first visit."
)


def create(article, count: int) -> int:
    """Save `count` approved guest comments, every fifth a reply; return the total."""
    from meridian.comments.models import Comment

    latest = None
    for number in range(1, count + 1):
        comment = Comment(
            post=article,
            parent=latest if number % 5 == 0 else None,
            guest_name=f"Reader {number}",
            guest_email=f"reader{number}@example.org",
            body=TEXT.format(number=number),
            status=Comment.Status.APPROVED,
        )
        comment.save()  # renders the Markdown and places it in its thread
        latest = comment
    approved = Comment.objects.approved().filter(post=article).count()
    # What the submission code keeps up to date for each approved comment.
    type(article).objects.filter(pk=article.pk).update(comment_count=approved)
    return approved
