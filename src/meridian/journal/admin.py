from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Category, Page, Post, Tag


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "author",
        "status",
        "published_at",
        "category",
        "comment_count",
    )
    list_filter = ("status", "category", "tags", "author")
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("tags",)
    date_hierarchy = "published_at"
    readonly_fields = ("updated_at",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "author", "body", "summary")}),
        (
            _("Publishing"),
            {"fields": ("status", "published_at", "updated_at", "comments_open")},
        ),
        (_("Filing"), {"fields": ("category", "tags")}),
        (_("Image"), {"fields": ("image", "image_alt", "image_caption")}),
        (
            _("Medical review and sources"),
            {"fields": ("reviewed_by", "last_reviewed", "sources")},
        ),
    )

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk}


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
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
