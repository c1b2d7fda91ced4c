from django.urls import path

from . import staff_views, views

app_name = "subscribers"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/manage/", views.manage_request, name="manage_request"),
    path("subscribe/manage/<str:token>/", views.manage, name="manage"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("subscribe/profile/", views.profile, name="profile"),
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
