"""The framework's ceiling: a Django view rendering saved HTML, no database.

`python -m bench.bare_site --bind HOST:PORT --workers N --threads T` serves it
under gunicorn with the settings `meridian serve` uses, rendering the templates
that bench/run.py wrote into $BENCH_BARE_TEMPLATES (article.html, index.html).
It answers the same paths as Meridian, with Django's stock security middleware
and no app that needs a database (sessions, auth, messages).
"""

import argparse
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.shortcuts import render
from django.urls import path

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-bare-site-" + "x" * 40,  # serves static text only
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[],
        DATABASES={},
        USE_I18N=True,
        USE_TZ=True,
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [os.environ.get("BENCH_BARE_TEMPLATES", ".")],
            }
        ],
    )


def index(request):
    return render(request, "index.html")


def article(request, slug):
    return render(request, "article.html")


urlpatterns = [
    path("", index),
    path("articles/<str:slug>/", article),
]

application = get_wsgi_application()


def main() -> None:
    """Serve this site with the gunicorn settings `meridian serve` uses."""
    from meridian.core.management.commands.serve import WSGIServer, gunicorn_options

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    args = parser.parse_args()
    options = gunicorn_options(args.bind, args.workers, args.threads)
    WSGIServer(options, lambda: application).run()


if __name__ == "__main__":
    main()
