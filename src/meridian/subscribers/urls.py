from django.urls import path

from . import views

app_name = "subscribers"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/manage/", views.manage_request, name="manage_request"),
    path("subscribe/manage/<str:token>/", views.manage, name="manage"),
    path("subscribe/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("subscribe/profile/", views.profile, name="profile"),
]
