from django.urls import path

from . import views

app_name = "wordpress"
urlpatterns = [
    path("", views.import_page, name="import"),
    path("<int:pk>/", views.import_run, name="run"),
]
