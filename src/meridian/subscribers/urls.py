from django.urls import path

from . import json_feed, staff_views, views

app_name = "subscribers"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/manage/", views.manage_request, name="manage_request"),
    path("subscribe/manage/<str:token>/", views.manage, name="manage"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("subscribe/profile/", views.profile, name="profile"),
    path("feed/json/", json_feed.site_feed, name="json_feed"),
    path(
        "category/<str:slug>/feed/json/",
        json_feed.category_feed,
        name="category_json_feed",
    ),
    path("tag/<str:slug>/feed/json/", json_feed.tag_feed, name="tag_json_feed"),
    path(
        "author/<str:username>/feed/json/",
        json_feed.author_feed,
        name="author_json_feed",
    ),
    path("subscribe/staff/", staff_views.article_list, name="staff"),
    path(
        "subscribe/staff/articles/<int:pk>/",
        staff_views.article,
        name="staff_article",
    ),
    path(
        "subscribe/staff/articles/<int:pk>/preview/",
        staff_views.article_preview,
        name="staff_preview",
    ),
]
