"""The writing screen's forms: what a writer may set, and the clear refusals."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from meridian.journal.images import check_alt_text
from meridian.journal.models import Category, Page, Post, Tag

from .sources import SourcesField

MAX_BODY = 200_000
# Fields every writer edits besides the title and the body; kept in revisions.
WRITER_FIELDS = (
    "summary",
    "category",
    "slug",
    "seo_title",
    "seo_description",
    "comments_open",
    "sources",
    "featured_image",
)
# The medical review is recorded by editors.
EDITOR_FIELDS = ("reviewed_by", "last_reviewed")


def unique_slug(model, base: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """Return base, or base-2, base-3 … whichever no other row uses."""
    base = base[: max_length - 4].strip("-") or "untitled"
    others = model.objects.exclude(pk=exclude_pk)
    slug, number = base, 1
    while others.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class TagsField(forms.CharField):
    """Tags typed as a comma-separated list; new ones are made on save."""

    def clean(self, value) -> list[str]:
        text = super().clean(value) or ""
        names: list[str] = []
        for raw in text.split(","):
            name = " ".join(raw.split())[:100]
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        if len(names) > 20:
            raise forms.ValidationError(_("Twenty tags at most, please."))
        return names


class BodyField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if len(value) > MAX_BODY:
            raise forms.ValidationError(
                _(
                    "The text is %(length)s characters long; the most an article "
                    "may hold is %(limit)s. Split it into two articles, or shorten it."
                ),
                params={"length": f"{len(value):,}", "limit": f"{MAX_BODY:,}"},
            )
        return value


class ArticleForm(forms.ModelForm):
    """Title, body and everything around them; no publishing state."""

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = BodyField(label=_("Text"))
    tags = TagsField(
        label=_("Tags"),
        required=False,
        max_length=2000,
        help_text=_("Separated by commas, e.g. Sleep, Back pain."),
    )
    sources = SourcesField(
        label=_("Sources"),
        required=False,
        help_text=_(
            "One source per row; publisher, year and address may be left empty. "
            "Readers see them as numbered references. Save to get more empty rows."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Post
        # Tags are typed as text (TagsField) and set by save_tags().
        fields = ("title", "body", *WRITER_FIELDS, *EDITOR_FIELDS)
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "last_reviewed": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"slug": _("Address (slug)")}
        help_texts = {
            "slug": _(
                "The end of the article's address; made from the title when empty."
            ),
        }

    def __init__(self, *args, may_review: bool = False, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = Category.objects.order_by("name")
        featured = self.fields["featured_image"]
        assert isinstance(featured, forms.ModelChoiceField)
        # Chosen in the picker (picker_views.py); the form only carries the id.
        featured.widget = forms.HiddenInput()
        self.fields["slug"].required = False
        if not may_review:
            for name in EDITOR_FIELDS:
                del self.fields[name]
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault(
                "tags",
                ", ".join(self.instance.tags.values_list("name", flat=True)),
            )
            self.initial.setdefault("version", self.instance.version)

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(
                _("Give the article a title: readers find it by its title.")
            )
        return title

    def clean_slug(self) -> str:
        typed = self.cleaned_data.get("slug") or ""
        if typed == self.instance.slug and typed.startswith("untitled-"):
            # A new draft's placeholder: the title gives the real address.
            typed = ""
        if typed:
            slug = slugify(typed, allow_unicode=True)[:200]
            taken = Post.objects.exclude(pk=self.instance.pk).filter(slug=slug).first()
            if taken is not None:
                raise forms.ValidationError(
                    _(
                        "The address “%(slug)s” is already used by the article "
                        "“%(title)s”. Choose another."
                    ),
                    params={"slug": slug, "title": taken.title},
                )
            return slug
        return ""

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = unique_slug(
                Post,
                slugify(cleaned["title"], allow_unicode=True),
                exclude_pk=self.instance.pk,
            )
            self.instance.slug = cleaned["slug"]
        return cleaned

    def check_ready_to_publish(self) -> bool:
        """Return whether a valid form may be published; note why not beside fields."""
        return _ready_to_publish(self)

    def save_tags(self, post: Post) -> None:
        names = self.cleaned_data.get("tags", [])
        tags = []
        for name in names:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(
                    name=name,
                    slug=unique_slug(Tag, slugify(name, allow_unicode=True) or "tag"),
                )
            tags.append(tag)
        post.tags.set(tags)


def _ready_to_publish(form: forms.ModelForm) -> bool:
    # The journal refuses to publish a picture without alt text; asking first
    # lets the form say so beside the field, with everything typed kept.
    try:
        check_alt_text(form.instance)
    except ValidationError as refusal:
        form.add_error(None, refusal)
        return False
    return True


class PublishForm(forms.Form):
    """When a scheduled article goes out: a moment in the future."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    publish_at = forms.DateTimeField(
        label=_("Publish on"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        error_messages={
            "invalid": _(
                "That is not a date and time that exists: use the calendar, or "
                "type it as 2025-03-31 14:30."
            )
        },
    )

    def clean_publish_at(self) -> datetime | None:
        when = self.cleaned_data.get("publish_at")
        if when is not None and when <= timezone.now():
            raise forms.ValidationError(
                _("Choose a moment in the future to schedule, or publish it now.")
            )
        return when


class PageForm(forms.ModelForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = BodyField(label=_("Text"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Page
        fields = ("title", "body", "slug")
        labels = {"slug": _("Address (slug)")}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        # A save names the version it started from (editing.save_article).
        self.fields["version"].required = self.instance.pk is not None
        if self.instance.pk and not self.is_bound:
            self.initial.setdefault("version", self.instance.version)

    def check_ready_to_publish(self) -> bool:
        """Return whether a valid form may be published; note why not beside fields."""
        return _ready_to_publish(self)

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the page a title."))
        return title

    def clean_slug(self) -> str:
        typed = slugify(self.cleaned_data.get("slug") or "", allow_unicode=True)
        if typed and Page.objects.exclude(pk=self.instance.pk).filter(slug=typed):
            raise forms.ValidationError(
                _("The address “%(slug)s” is already used by another page."),
                params={"slug": typed},
            )
        return typed[:100]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = unique_slug(
                Page,
                slugify(cleaned["title"], allow_unicode=True),
                exclude_pk=self.instance.pk,
                max_length=100,
            )
            self.instance.slug = cleaned["slug"]
        return cleaned
