"""`make bench-images`: the cost of a 24-megapixel photo, and an article's weight.

A 6000 x 4000 JPEG with EXIF is made by Pillow, then two phases run each in
its own process, as on a site: the upload (check and clean, in the request)
and the renditions (in the task worker). Each reports seconds and its peak
RSS, against the worker budget of 400 MB. Then a throwaway site renders an
article with five library pictures and reports HTML + CSS gzipped (budget
30 KB). Results are printed and written to bench/results/.
"""

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

if __package__ in (None, ""):  # run as `python bench/images.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
RSS_BUDGET_MB = 400
WEIGHT_BUDGET_KB = 30


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument(
        "--phase", choices=["clean", "renditions"], help=argparse.SUPPRESS
    )
    parser.add_argument("--source", help=argparse.SUPPRESS)
    return parser.parse_args()


def make_photo(width: int, height: int) -> bytes:
    """Return a camera-like JPEG: smooth light, fine grain, EXIF with GPS."""
    from PIL import ExifTags, Image

    grain = Image.effect_noise((width, height), 18)
    light = Image.linear_gradient("L").resize((width, height))
    red = Image.blend(light, grain, 0.25)
    green = Image.blend(light.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grain, 0.25)
    blue = Image.blend(light.transpose(Image.Transpose.FLIP_TOP_BOTTOM), grain, 0.25)
    photo = Image.merge("RGB", (red, green, blue))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Bench"
    exif[ExifTags.Base.GPSInfo] = {1: "N", 2: (51.0, 30.0, 0.0)}
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=88, exif=exif)
    return buffer.getvalue()


def peak_rss_mb() -> float:
    """Return this process's peak RSS (VmHWM: ru_maxrss survives exec on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(phase: str, source: str) -> dict:
    """Run one phase in this process and return its figures (the child's side)."""
    import django

    django.setup()
    from django.core.files import File

    from meridian.media import processing, renditions, validation

    started = time.perf_counter()
    with open(source, "rb") as handle:
        upload = File(handle, name="photo.jpg")
        if phase == "clean":
            cleaned = processing.clean_image(upload, validation.inspect_upload(upload))
            result = {"stored_bytes": len(cleaned.content)}
        else:
            made = processing.make_renditions(
                upload, list(renditions.WIDTHS), renditions.rendition_formats()
            )
            result = {
                "renditions": len(made),
                "bytes": sum(len(r.content) for r in made),
            }
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return result


def in_child(phase: str, source: str, environ: dict) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--source", source],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def article_weight(environ: dict) -> dict:
    """Render an article with five library pictures on a throwaway site."""
    script = r"""
import gzip, json, re
import django
django.setup()
from pathlib import Path
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
from django.db import transaction
call_command("migrate", verbosity=0)
from tests.conftest import store_picture
from tests.factories import PostFactory
from tests.media import pictures
with transaction.atomic():
    images = [
        store_picture(pictures.phone_photo((2400, 1600), orientation=1))
        for _ in range(5)
    ]
body = "\n\n".join(
    f"## Part {n}\n\n" + "A calm sentence. " * 60
    + f'\n\n![Picture {n}]({image.reference_url} "Caption {n}")'
    for n, image in enumerate(images)
)
post = PostFactory(body=body, featured_image=images[0])
setup_test_environment()
plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
from django.conf import settings
storages = {**settings.STORAGES, "staticfiles": plain}
with override_settings(
    ALLOWED_HOSTS=["testserver"], PAGE_CACHE=False, STORAGES=storages
):
    html = Client().get(post.get_absolute_url()).content
names = re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
css = b"".join(Path(finders.find(n.decode())).read_bytes() for n in names)
print(json.dumps({
    "html_gzip_kb": round(len(gzip.compress(html, 9)) / 1024, 1),
    "css_gzip_kb": round(len(gzip.compress(css, 9)) / 1024, 1),
    "figures": html.count(b"<figure>"),
    "lazy": html.count(b'loading="lazy"'),
    "srcset": html.count(b"srcset="),
}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=environ,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["total_gzip_kb"] = round(
        figures["html_gzip_kb"] + figures["css_gzip_kb"], 1
    )
    return figures


def main() -> int:
    args = parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.source)))
        return 0
    with tempfile.TemporaryDirectory(prefix="meridian-bench-images-") as folder:
        environ = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "meridian.settings",
            "MERIDIAN_DATA_DIR": folder,
            "MERIDIAN_TASKS": "immediate",
            "PYTHONPATH": str(REPO),
        }
        photo = make_photo(args.width, args.height)
        source = str(Path(folder) / "photo.jpg")
        Path(source).write_bytes(photo)
        megapixels = args.width * args.height / 1e6
        clean = in_child("clean", source, environ)
        # The worker works from the stored (cleaned) original.
        cleaned_path = str(Path(folder) / "cleaned.jpg")
        subprocess.run(
            [sys.executable, "-c", _CLEAN_TO_FILE, source, cleaned_path],
            env=environ,
            check=True,
        )
        made = in_child("renditions", cleaned_path, environ)
        weight = article_weight(environ)
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "photo": {"megapixels": megapixels, "bytes": len(photo)},
        "upload": clean,
        "renditions": made,
        "article_five_pictures": weight,
        "load_average": os.getloadavg(),
    }
    print(f"Photo: {megapixels:.0f} MP JPEG, {len(photo) / 1e6:.1f} MB")
    print(
        f"Upload (check + clean, in the request): {clean['seconds']} s, "
        f"peak RSS {clean['peak_rss_mb']} MB"
    )
    verdict = "met" if made["peak_rss_mb"] <= RSS_BUDGET_MB else "MISSED"
    print(
        f"Renditions ({made['renditions']} files, in the worker): {made['seconds']} s, "
        f"peak RSS {made['peak_rss_mb']} MB (budget {RSS_BUDGET_MB} MB: {verdict})"
    )
    verdict = "met" if weight["total_gzip_kb"] <= WEIGHT_BUDGET_KB else "MISSED"
    print(
        f"Article with five pictures: HTML {weight['html_gzip_kb']} KB + CSS "
        f"{weight['css_gzip_kb']} KB gzipped = {weight['total_gzip_kb']} KB "
        f"(budget {WEIGHT_BUDGET_KB} KB: {verdict}); {weight['figures']} figures, "
        f"{weight['lazy']} lazy"
    )
    print(f"Load average at the end: {results['load_average']}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"images-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"Written to {out.relative_to(REPO)}")
    return 0


_CLEAN_TO_FILE = """
import sys, django
django.setup()
from django.core.files import File
from meridian.media import processing, validation
with open(sys.argv[1], "rb") as handle:
    upload = File(handle, name="photo.jpg")
    cleaned = processing.clean_image(upload, validation.inspect_upload(upload))
open(sys.argv[2], "wb").write(cleaned.content)
"""


if __name__ == "__main__":
    sys.exit(main())
