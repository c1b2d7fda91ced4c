from django.urls import path

from . import (
    editor_views,
    page_views,
    picker_views,
    revision_views,
    share_views,
    views,
)

app_name = "studio"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", views.article_list, name="articles"),
    path("articles/new/", editor_views.new_article, name="new"),
    path("articles/<int:pk>/", editor_views.edit_article, name="edit"),
    path("articles/<int:pk>/autosave/", editor_views.autosave, name="autosave"),
    path("articles/<int:pk>/preview/", editor_views.preview, name="preview"),
    path(
        "articles/<int:pk>/pictures/",
        picker_views.pick_picture,
        name="pick_picture",
    ),
    path(
        "articles/<int:pk>/discard/",
        editor_views.discard_autosave,
        name="discard_autosave",
    ),
    path("articles/<int:pk>/revisions/", revision_views.revisions, name="revisions"),
    path(
        "articles/<int:pk>/revisions/compare/",
        revision_views.compare,
        name="compare",
    ),
    path(
        "articles/<int:pk>/revisions/<int:revision_pk>/restore/",
        revision_views.restore,
        name="restore",
    ),
    path("articles/<int:pk>/share/", share_views.share, name="share"),
    path(
        "articles/<int:pk>/share/<int:link_pk>/withdraw/",
        share_views.withdraw,
        name="withdraw_share",
    ),
    path("preview/<str:token>/", share_views.shared_preview, name="shared_preview"),
    path("pages/", page_views.page_list, name="pages"),
    path("pages/new/", page_views.new_page, name="new_page"),
    path("pages/<int:pk>/", page_views.edit_page, name="edit_page"),
    path("pages/<int:pk>/autosave/", page_views.autosave, name="page_autosave"),
    path("pages/<int:pk>/preview/", page_views.preview, name="page_preview"),
    path(
        "pages/<int:pk>/discard/",
        page_views.discard_autosave,
        name="discard_page_autosave",
    ),
    path(
        "pages/<int:pk>/revisions/",
        revision_views.revisions,
        {"kind": "page"},
        name="page_revisions",
    ),
    path(
        "pages/<int:pk>/revisions/compare/",
        revision_views.compare,
        {"kind": "page"},
        name="page_compare",
    ),
    path(
        "pages/<int:pk>/revisions/<int:revision_pk>/restore/",
        revision_views.restore,
        {"kind": "page"},
        name="page_restore",
    ),
]
