from django.contrib import admin
from django.http import HttpRequest

from .models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    """The library's text in the admin; uploads and deletion go through the library.

    Those pages check and clean files and warn where an image is used; the
    admin would do neither. Search serves the featured-image autocomplete.
    """

    list_display = ("__str__", "original_name", "width", "height", "created_at")
    search_fields = ("alt", "caption", "original_name")
    fields = ("alt", "caption", "credit")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
