from django.urls import path, register_converter

from . import feeds, views


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class TwoDigitMonth(FourDigitYear):
    regex = "[0-9]{2}"

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigitMonth, "mm")

app_name = "journal"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="feed_atom"),
    path("articles/<str:slug>/", views.post_detail, name="post"),
    path("category/<str:slug>/", views.category, name="category"),
    path("category/<str:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path(
        "category/<str:slug>/feed/atom/",
        feeds.CategoryAtomFeed(),
        name="category_feed_atom",
    ),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<str:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("author/<str:username>/", views.author, name="author"),
    path("author/<str:username>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path(
        "author/<str:username>/feed/atom/",
        feeds.AuthorAtomFeed(),
        name="author_feed_atom",
    ),
    path("<yyyy:year>/<mm:month>/", views.month, name="month"),
    path("<str:slug>/", views.page_detail, name="page"),
]
