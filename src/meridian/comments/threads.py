"""Load one page of an article's threads in two queries and build the tree."""

from dataclasses import dataclass, field

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
    # What the template shows, prepared once (see templatetags/comments.py).
    display: dict = field(default_factory=dict)

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


@dataclass
class ThreadPage:
    nodes: list[Node]
    number: int
    num_pages: int

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def _visible(viewer) -> Q:
    """Return which comments a viewer sees: approved ones, and their own held ones."""
    visible = Q(status=Status.APPROVED) | Q(status=Status.REMOVED)
    if viewer is not None and viewer.is_authenticated:
        visible |= Q(status=Status.PENDING, author=viewer)
    return visible


def top_level_ids(post, viewer) -> list[int]:
    """Return the ids of the threads shown, oldest first."""
    replied = Comment.objects.filter(thread=OuterRef("pk"), status=Status.APPROVED)
    return list(
        Comment.objects.filter(post=post, parent=None)
        .filter(_visible(viewer))
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
    ids = top_level_ids(post, viewer)
    num_pages = max(1, -(-len(ids) // PAGE_SIZE))
    try:
        number = min(max(int(number), 1), num_pages)
    except (TypeError, ValueError):
        number = 1
    page_ids = ids[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    if not page_ids:
        return ThreadPage([], number, num_pages)
    comments = (
        Comment.objects.filter(post=post)
        .filter(Q(pk__in=page_ids) | Q(thread_id__in=page_ids))
        .filter(_visible(viewer))
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
    return ThreadPage(_prune(roots), number, num_pages)
