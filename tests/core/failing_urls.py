"""A URLconf whose one page fails, to see the site's 500 page."""

from django.urls import path

from meridian.urls import handler500  # noqa: F401  (the site's own 500 page)


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken)]
