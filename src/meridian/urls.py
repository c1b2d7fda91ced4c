from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from meridian.accounts import views as accounts_views
from meridian.core import views as core_views
from meridian.journal.sitemaps import SITEMAPS
from meridian.media import serving as media_serving

handler400 = "meridian.core.views.bad_request"
handler403 = "meridian.core.views.permission_denied"
handler404 = "meridian.core.views.page_not_found"
handler500 = "meridian.core.views.server_error"

urlpatterns = [
    # Before the admin's own: its login goes through allauth (rate limits, 2FA).
    path(
        f"{settings.ADMIN_PATH}login/", accounts_views.admin_login, name="admin_login"
    ),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("accounts/", include("meridian.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("privacy/", core_views.privacy, name="privacy"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("studio/media/", include("meridian.media.urls")),
    path(
        f"{settings.MEDIA_URL.strip('/')}/library/<str:key>",
        media_serving.library_reference,
        name="media_reference",
    ),
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        media_serving.serve_media,
        name="media_file",
    ),
    path("studio/wordpress/", include("meridian.wordpress.urls")),
    path("studio/", include("meridian.studio.urls")),
    path("api/v1/", include("meridian.api.urls")),
    path("", include("meridian.comments.urls")),
    path("", include("meridian.search.urls")),
    path("", include("meridian.subscribers.urls")),
    path("", include("meridian.journal.urls")),
]
