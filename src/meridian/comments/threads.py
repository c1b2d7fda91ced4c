"""Load one page of an article's threads in two queries and build the tree."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from .models import Comment

PAGE_SIZE = 50
Status = Comment.Status


@dataclass
class Node:
    comment: Comment
    children: list["Node"] = field(default_factory=list)
    can_reply: bool = False
    can_edit: bool = False
    can_delete: bool = False
    # How many reply lists end after this comment, when the tree is flattened.
    closes: int = 0
    # Prepared once per request (see templatetags/comments.py): the list
    # item's classes, and the key its card is kept under.
    classes: str = "comment"
    card_key: str = ""

    @property
    def shows_text(self) -> bool:
        return self.comment.status != Status.REMOVED

    @property
    def closed_lists(self) -> range:
        return range(self.closes)


def flatten(nodes: list[Node]) -> list[Node]:
    """Return the tree in document order, each node knowing the lists it ends.

    The template renders the thread in one loop instead of one include per
    comment, which keeps a long thread cheap to render.
    """
    flat: list[Node] = []

    def walk(level: list[Node], replies: bool) -> None:
        for node in level:
            flat.append(node)
            walk(node.children, True)
        if replies and level:
            flat[-1].closes += 1  # the last reply of a list ends it

    walk(nodes, False)
    return flat


class ThreadPage(Page):
    """A page of top-level comment ids (Django's Page) with their reply trees."""

    def __init__(self, page: Page, nodes: list[Node]):
        super().__init__(page.object_list, page.number, page.paginator)
        self.nodes = nodes

    @classmethod
    def empty(cls) -> "ThreadPage":
        return cls(Paginator([], PAGE_SIZE).page(1), [])


def top_level_ids(post, viewer) -> list[int]:
    """Return the ids of the threads shown, oldest first."""
    replied = Comment.objects.approved().filter(thread=OuterRef("pk"))
    return list(
        Comment.objects.filter(post=post, parent=None)
        .visible_to(viewer)
        # A removed comment stays only as the head of a thread with replies.
        .exclude(Q(status=Status.REMOVED) & ~Exists(replied))
        .order_by("created_at", "id")
        .values_list("id", flat=True)
    )


def page_of(comment: Comment, viewer=None) -> int:
    """Return the number of the page that shows the comment's thread."""
    head = comment.thread_id or comment.pk
    ids = top_level_ids(comment.post, viewer)
    return ids.index(head) // PAGE_SIZE + 1 if head in ids else 1


def _prune(nodes: list[Node]) -> list[Node]:
    kept = []
    for node in nodes:
        node.children = _prune(node.children)
        if node.shows_text or node.children:
            kept.append(node)
    return kept


def load_page(post, number, viewer=None) -> ThreadPage:
    """Return a page of threads (PAGE_SIZE top-level comments and their replies)."""
    # get_page: a number past the last page gives the last, an unreadable one
    # the first (the caller sends 1 or more).
    page = Paginator(top_level_ids(post, viewer), PAGE_SIZE).get_page(number)
    page_ids = page.object_list
    if not page_ids:
        return ThreadPage(page, [])
    comments = (
        Comment.objects.filter(post=post)
        .filter(Q(pk__in=page_ids) | Q(thread_id__in=page_ids))
        .visible_to(viewer)
        .for_thread()
    )
    nodes = {}
    roots = []
    for comment in comments:
        node = nodes[comment.pk] = Node(comment)
        if comment.parent_id is None:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id].children.append(node)
        # Otherwise the parent is hidden (spam, held), and so is this reply.
    return ThreadPage(page, _prune(roots))
