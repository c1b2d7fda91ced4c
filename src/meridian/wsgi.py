import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meridian.settings")

from django.conf import settings

from meridian.core.request_limits import limit_request_body

application = limit_request_body(
    get_wsgi_application(), settings.MAX_UPLOAD_MB * 1024 * 1024
)
