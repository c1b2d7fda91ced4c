"""The writing screen: open, autosave, preview, save, and move an article on."""

import secrets
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from meridian.journal.models import Post
from meridian.media.models import Image

from . import access, editing, picking, presence, preview_links, workflow
from .diffing import diff_drafts
from .forms import ArticleForm, PublishForm
from .previewing import Preview, render_preview

# Typed text kept across a sign-in when the session ended while writing.
UNSAVED_KEY = "studio:unsaved"
# Buttons that leave for the picture picker (or drop the featured image): the
# typed text waits in the writer's autosave and is there on the way back.
PICKING = ("pick_image", "pick_featured", "drop_featured")
ACTIONS = ("save", "preview", *PICKING, *workflow.STEPS)


def _post_for(request: HttpRequest, pk: int) -> Post:
    return access.editable_post(request.user, pk)


def _form(request, post, data=None, *, initial=None) -> ArticleForm:
    """Return the writing form: bound to a POST, or filled with initial values."""
    return ArticleForm(
        data,
        request.FILES if data is not None else None,
        instance=post,
        initial=initial,
        may_review=access.may_publish(request.user),
    )


def _screen(
    request, post, form, *, publish_form=None, preview=None, restored=None, status=200
):
    user = request.user
    chosen = str(form["featured_image"].value() or "")
    featured = (
        Image.objects.for_display().filter(pk=chosen).first()
        if chosen.isdigit()
        else None
    )
    return render(
        request,
        "studio/editor.html",
        {
            "featured": featured,
            "title": post.title or _("Untitled draft"),
            "section": "articles",
            "post": post,
            "form": form,
            "publish_form": publish_form or PublishForm(),
            "may_publish": access.may_publish(user),
            "live": post.is_public,
            "others": presence.here(post.pk, user),
            "preview": preview,
            "restored": restored,
            "revision_count": post.revisions.filter(kind="saved").count(),
            "preview_links": [
                (link, preview_links.address(link))
                for link in post.preview_links.usable().order_by("-created_at")
            ],
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def new_article(request: HttpRequest) -> HttpResponse:
    """Start a draft (a POST, so a link followed by a crawler makes nothing)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    access.require(
        access.may_use_studio(request.user)
        and request.user.has_perm("journal.add_post")
    )
    if request.method != "POST":
        return render(request, "studio/new_article.html", {"title": _("New article")})
    post = Post.objects.create(
        title="",
        slug=f"untitled-{secrets.token_hex(4)}",
        author=request.user,
        status=Post.Status.DRAFT,
    )
    editing.record_revision(post, request.user, note=_("Started"))
    return redirect("studio:edit", pk=post.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def edit_article(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return keep_for_later(request, str(pk), reverse("studio:edit", args=[pk]))
    post = _post_for(request, pk)
    if request.method == "POST":
        return _submit(request, post)
    return _open(request, post)


def _open(request: HttpRequest, post: Post) -> HttpResponse:
    """Show the article, with the person's newer unsaved text if there is any."""
    kept = take_kept(request, str(post.pk))
    if kept is not None:
        # Typed before a sign-in: fill it back in, to be saved as usual.
        draft = editing.draft_from_request(kept)
        version = kept_version(kept, post.version)
        return _screen(
            request, post, _form(request, post, initial=draft.as_data(version))
        )
    chosen = request.GET.get("revision")
    if chosen and chosen.isdigit():
        revision = get_object_or_404(post.revisions, pk=int(chosen))
        draft = editing.draft_from_revision(revision)
        messages.info(
            request,
            _("Showing the revision by %(who)s from %(when)s: save to keep it.")
            % {"who": _who(revision.author), "when": _when(revision.created_at)},
        )
        return _screen(
            request, post, _form(request, post, initial=draft.as_data(post.version))
        )
    autosaved = editing.newer_autosave(post, request.user)
    if autosaved is not None:
        draft = editing.draft_from_revision(autosaved)
        note = _("Your unsaved changes from %(when)s are back in the form below.") % {
            "when": _when(autosaved.created_at)
        }
        if autosaved.version < post.version:
            note += " " + _(
                "Someone saved the article since: saving will show you both texts."
            )
        messages.info(request, note)
        form = _form(request, post, initial=draft.as_data(autosaved.version))
        return _screen(request, post, form, restored=autosaved)
    return _screen(request, post, _form(request, post))


def _submit(request: HttpRequest, post: Post) -> HttpResponse:
    action = request.POST.get("action", "save")
    if action not in ACTIONS:
        action = "save"
    if action == "unpublish":
        return _take_step(request, post, "unpublish")
    if action in PICKING:
        return _keep_and_pick(request, post, action)
    form = _form(request, post, request.POST)
    publish_form = PublishForm(request.POST if action == "schedule" else None)
    if action == "preview":
        draft = editing.draft_from_request(request.POST)
        preview = render_preview(request, post, draft)
        return _screen(request, post, form, preview=preview)
    if action != "save":
        try:
            workflow.check_step(request.user, post, action)
        except workflow.StepRefused as refusal:
            messages.error(request, str(refusal))
            return _screen(request, post, form, status=400)
    if post.is_public and not access.may_publish(request.user):
        # Readers see what an editor published; an author's changes wait.
        editing.autosave(
            post,
            request.user,
            editing.draft_from_request(request.POST),
            version=post.version,
        )
        messages.warning(
            request,
            _(
                "Your changes are kept as pending: readers still see the "
                "published text until an editor updates it."
            ),
        )
        return redirect("studio:edit", pk=post.pk)
    valid = form.is_valid()
    if action == "schedule":
        valid = publish_form.is_valid() and valid
        if publish_form.is_valid() and not publish_form.cleaned_data["publish_at"]:
            publish_form.add_error(
                "publish_at", _("Choose when readers should see the article.")
            )
            valid = False
    if valid and action in ("publish", "schedule"):
        valid = form.check_ready_to_publish()
    if not valid:
        return _screen(request, post, form, publish_form=publish_form, status=400)
    try:
        editing.save_article(form, request.user)
    except editing.EditConflict as conflict:
        return _conflict(request, post, conflict.current)
    if action == "save":
        messages.success(
            request,
            _("Updated: readers see the new text.") if post.is_public else _("Saved."),
        )
        return redirect("studio:edit", pk=post.pk)
    when = publish_form.cleaned_data["publish_at"] if action == "schedule" else None
    return _take_step(request, post, action, when=when)


def _keep_and_pick(request: HttpRequest, post: Post, action: str) -> HttpResponse:
    """Keep the typed text in the writer's autosave, then pick (or drop) a picture."""
    draft = editing.draft_from_request(request.POST)
    if action == "drop_featured":
        draft = picking.without_featured(draft)
    posted = request.POST.get("version", "")
    version = int(posted) if posted.isdigit() else post.version
    editing.autosave(post, request.user, draft, version=version)
    if action == "drop_featured":
        messages.info(request, _("The featured image is removed: save to keep it."))
        return redirect(f"{reverse('studio:edit', args=[post.pk])}#featured-image")
    target = picking.FEATURED if action == "pick_featured" else picking.BODY
    address = reverse("studio:pick_picture", args=[post.pk])
    return redirect(f"{address}?for={target}")


def _take_step(request, post, step, *, when=None) -> HttpResponse:
    try:
        if step == "submit":
            workflow.submit_for_review(request.user, post)
            messages.success(request, _("Submitted for review: an editor will look."))
        elif step == "publish":
            workflow.publish_now(request.user, post, request.POST)
            messages.success(request, _("Published: readers see it now."))
        elif step == "schedule":
            workflow.schedule(request.user, post, when, request.POST)
            messages.success(request, post.state_label)
        elif step == "unpublish":
            workflow.unpublish(request.user, post)
            messages.success(request, _("Unpublished: back to draft."))
    except workflow.StepRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("studio:edit", pk=post.pk)


def _conflict(request, post: Post, current: editing.Text) -> HttpResponse:
    return conflict_page(
        request,
        current,
        editing.draft_from_request(request.POST),
        edit_url=reverse("studio:edit", args=[current.pk]),
        discard_url=reverse("studio:discard_autosave", args=[current.pk]),
        section="articles",
    )


def conflict_page(
    request,
    current: editing.Text,
    mine: editing.Draft,
    *,
    edit_url,
    discard_url,
    section,
) -> HttpResponse:
    """Show both texts when a save was based on an older version (409)."""
    theirs = editing.draft_of(current)
    latest = editing.latest_saved(current)
    return render(
        request,
        "studio/conflict.html",
        {
            "title": _("Two versions of “%(title)s”") % {"title": current.title},
            "section": section,
            "post": current,
            "mine": mine,
            "theirs": theirs,
            "mine_data": mine.as_data(current.version),
            "saved_by": _who(latest.author) if latest else "",
            "saved_at": latest.created_at if latest else current.updated_at,
            "diffs": diff_drafts(theirs, mine),
            "edit_url": edit_url,
            "discard_url": discard_url,
        },
        status=409,
    )


def keep_for_later(request: HttpRequest, key: str, address: str) -> HttpResponse:
    """Keep what a signed-out writer posted, and ask them to sign in again.

    Articles and pages share this: the key tells whose text it is (an
    article's pk, "page-<pk>" for a page), the address is where to come back.
    """
    if request.method == "POST":
        kept = request.session.get(UNSAVED_KEY, {})
        kept[key] = {
            name: request.POST.get(name, "")
            for name in request.POST
            if name != "csrfmiddlewaretoken"
        }
        request.session[UNSAVED_KEY] = kept
        messages.warning(
            request,
            _("Your session ended. Sign in again: your text is kept and will be back."),
        )
    return redirect_to_login(address)


def take_kept(request: HttpRequest, key: str) -> QueryDict | None:
    """Return (and forget) the text kept for the key across a sign-in, if any."""
    kept = request.session.get(UNSAVED_KEY, {}).get(key)
    if kept is None:
        return None
    del request.session[UNSAVED_KEY][key]
    request.session.modified = True
    messages.warning(
        request,
        _(
            "You were signed out while writing. Your text is below, not yet "
            "saved: press Save to keep it."
        ),
    )
    return _as_querydict(kept)


def kept_version(kept: QueryDict, current: int) -> int:
    """Return the version the kept text was based on (the current one if unsure)."""
    posted = kept.get("version", "")
    return int(posted) if posted.isdigit() else current


def _as_querydict(values: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data[key] = value
    return data


def signed_out_json() -> JsonResponse:
    """Tell an autosave from a signed-out tab that nothing was saved, and why."""
    return JsonResponse(
        {
            "state": "signed_out",
            "message": _(
                "Not saved: you are signed out. Sign in again in "
                "another tab; your text stays here."
            ),
            "login_url": reverse("account_login"),
        },
        status=401,
    )


@require_POST
def autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Keep the typed text in the person's autosave; the article is untouched."""
    if not request.user.is_authenticated:
        return signed_out_json()
    post = get_object_or_404(Post, pk=pk)
    if not access.may_edit(request.user, post):
        return JsonResponse({"state": "refused"}, status=403)
    version = request.POST.get("version", "")
    version_number = int(version) if version.isdigit() else post.version
    revision = None
    if "body" in request.POST or "title" in request.POST:
        revision = editing.autosave(
            post,
            request.user,
            editing.draft_from_request(request.POST),
            version=version_number,
        )
    saved_at = revision.created_at if revision else timezone.now()
    return autosaved_json(
        saved_at,
        others=presence.here(post.pk, request.user),
        stale=version_number < post.version,
    )


@require_POST
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the typed text as readers will see it (JSON for the live preview)."""
    if not request.user.is_authenticated:
        return JsonResponse({"state": "signed_out"}, status=401)
    post = _post_for(request, pk)
    shown = render_preview(request, post, editing.draft_from_request(request.POST))
    return preview_json(shown)


@require_POST
def discard_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("studio:edit", args=[pk]))
    post = _post_for(request, pk)
    editing.discard_autosave(post, request.user)
    messages.info(request, _("Your unsaved changes were discarded."))
    return redirect("studio:edit", pk=post.pk)


def _who(person) -> str:
    return person.public_name if person else _("someone no longer on the team")


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _clock(moment) -> str:
    return date_format(timezone.localtime(moment), "TIME_FORMAT")


def autosaved_json(
    saved_at: datetime, *, others: list[str], stale: bool
) -> JsonResponse:
    """Answer an autosave (articles and pages): when, who else is here, and
    whether someone saved a newer version meanwhile."""
    return JsonResponse(
        {
            "state": "saved",
            "saved_at": saved_at.isoformat(),
            "label": _("Saved %(time)s") % {"time": _clock(saved_at)},
            "others": others,
            "stale": stale,
        }
    )


def preview_json(shown: Preview) -> JsonResponse:
    """Answer a live preview (articles and pages)."""
    return JsonResponse(
        {
            "html": shown.html,
            "words": shown.words,
            "minutes": shown.minutes,
            "warnings": shown.warnings,
        }
    )
