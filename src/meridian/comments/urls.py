from django.urls import path

from . import feeds, staff_views, views

app_name = "comments"
urlpatterns = [
    path("comments/post/<int:post_id>/", views.post_comment, name="post"),
    path("comments/<int:pk>/", views.permalink, name="permalink"),
    path("comments/<int:pk>/reply/", views.reply, name="reply"),
    path("comments/<int:pk>/edit/", views.edit, name="edit"),
    path("comments/<int:pk>/delete/", views.delete, name="delete"),
    path("comments/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("comments/moderation/", staff_views.moderation_queue, name="moderation"),
    path(
        "comments/moderate/<str:token>/",
        staff_views.moderate_link,
        name="moderate_link",
    ),
    path("articles/<str:slug>/comments/feed/", feeds.CommentsFeed(), name="feed"),
    path(
        "articles/<str:slug>/comments/feed/atom/",
        feeds.CommentsAtomFeed(),
        name="feed_atom",
    ),
]
