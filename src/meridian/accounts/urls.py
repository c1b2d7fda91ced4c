from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    # Before allauth's own login: the same view, with a 429 when rate limited.
    path("login/", views.LoginView.as_view(), name="login"),
    path("profile/", views.profile, name="profile"),
    path("profile/data/", views.download_data, name="download_data"),
    path("profile/delete/", views.delete, name="delete"),
]
