from django.urls import path

from . import views

app_name = "media"
urlpatterns = [
    path("", views.library_view, name="library"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
