from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Category, Page, Post, Redirect, Tag
from .publishing import publish_post

# Shown under every Markdown body, so an editor need not know the syntax by heart.
MARKDOWN_HELP = _(
    "Markdown: a blank line starts a paragraph; ## Heading, **bold**, *italic*, "
    "[link text](https://address), - list item, > quotation, | table | cells |, "
    "a footnote[^1] with [^1]: its text at the end. Headings make the table of "
    "contents of a long article."
)


class MarkdownBodyAdmin(admin.ModelAdmin):
    """An admin whose body field explains the Markdown it takes."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["help_texts"] = {"body": MARKDOWN_HELP}
        return super().get_form(request, obj, change, **kwargs)


@admin.register(Post)
class PostAdmin(MarkdownBodyAdmin):
    list_display = (
        "title",
        "author",
        "state",
        "published_at",
        "category",
        "comment_count",
    )
    # Only the people who wrote something: readers' accounts would drown the list.
    list_filter = (
        "status",
        "category",
        "tags",
        ("author", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("tags", "featured_image")
    date_hierarchy = "published_at"
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", "body", "summary")}),
        (
            _("Publishing"),
            {"fields": ("status", "published_at", "updated_at", "comments_open")},
        ),
        (_("Filing"), {"fields": ("category", "tags")}),
        (_("Image"), {"fields": ("featured_image",)}),
        (
            _("Medical review and sources"),
            {"fields": ("reviewed_by", "last_reviewed", "sources")},
        ),
    )

    @admin.display(description=_("state"), ordering="status")
    def state(self, post: Post) -> str:
        # "Scheduled for …", never "Published", for an article readers cannot see yet.
        return post.state_label

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            # The clinic's team signs articles; readers' accounts would bury
            # them in the list. Anyone who already wrote one stays choosable.
            kwargs["queryset"] = get_user_model().objects.filter(
                Q(is_staff=True) | Q(pk__in=Post.objects.values("author_id"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # "Published" with the date left empty would never reach readers:
        # publishing dates it now, as everywhere else.
        if obj.status == Post.Status.PUBLISHED:
            publish_post(obj)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Page)
class PageAdmin(MarkdownBodyAdmin):
    list_display = ("title", "slug", "published", "updated_at")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name",)


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ("old_path", "new_path", "created_at")
    search_fields = ("old_path", "new_path")
