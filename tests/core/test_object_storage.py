"""Media on S3-compatible object storage, against a real S3 API on loopback.

moto's server speaks the S3 protocol over HTTP like MinIO or AWS would; the
site talks to it through django-storages and boto3 exactly as in production.
"""

import io
import json
import urllib.request

import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from PIL import Image

from meridian.accounts.models import User
from meridian.core.models import SiteSettings
from meridian.media.models import Image as LibraryImage
from tests.factories import PostFactory, UserFactory
from tests.media import pictures

from .conftest import settings_for

BUCKET = "clinic-media"
PUBLIC_READ = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{BUCKET}/*",
        }
    ],
}
CREDENTIALS = {"access_key": "testing", "secret_key": "testing-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 API server on a free loopback port, for this module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    """Media stored in a fresh bucket, configured as MERIDIAN_S3_* would."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id=CREDENTIALS["access_key"],
        aws_secret_access_key=CREDENTIALS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    # Readers fetch media by plain URLs: the bucket lets anyone read (docs/deploy.md).
    client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(PUBLIC_READ))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "meridian.media.object_storage.ObjectStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "addressing_style": "path",
                "querystring_auth": False,
                "file_overwrite": False,
                **CREDENTIALS,
            },
        },
    }
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _keys(client) -> set[str]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {item["Key"] for item in listed}


def _fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def _png(size=(900, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_avatar_upload_lands_in_the_bucket_and_is_shown_from_it(
    bucket, client, s3_endpoint
):
    reader = UserFactory(display_name="Ada")
    client.force_login(reader)
    response = client.post(
        "/accounts/profile/",
        {
            "display_name": "Ada",
            "bio": "",
            "avatar": SimpleUploadedFile("me.png", _png(), "image/png"),
        },
    )
    assert response.status_code == 302
    reader = User.objects.get(pk=reader.pk)
    assert reader.avatar.name in _keys(bucket)
    url = reader.avatar.url
    assert url.startswith(f"{s3_endpoint}/{BUCKET}/")
    with Image.open(io.BytesIO(_fetch(url))) as stored:
        assert stored.size == (256, 256)
    assert f'src="{url}"' in client.get("/accounts/profile/").content.decode()


@pytest.mark.django_db
def test_a_featured_image_is_stored_in_the_bucket(bucket, author, library_image):
    # Featured images are library images (meridian.media).
    post = PostFactory(author=author, featured_image=library_image(_png(), "c.png"))
    name = post.featured_image.file.name
    assert name in _keys(bucket)
    assert _fetch(post.featured_image.file.url) == default_storage.open(name).read()


@pytest.mark.django_db
def test_library_uploads_and_their_renditions_live_in_the_bucket(
    bucket, client, django_capture_on_commit_callbacks
):
    site = SiteSettings.current()
    site.staff_require_2fa = False
    with django_capture_on_commit_callbacks(execute=True):
        site.save()
    client.force_login(UserFactory(is_staff=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/studio/media/",
            {
                "file": pictures.upload(pictures.phone_photo((1000, 600)), "a.jpg"),
                "alt": "The treatment room",
            },
        )
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    keys = _keys(bucket)
    assert image.file.name in keys
    renditions = list(image.renditions.all())
    assert renditions, "renditions were made"
    assert {rendition.file.name for rendition in renditions} <= keys
    widest = max(renditions, key=lambda rendition: rendition.width)
    with Image.open(io.BytesIO(_fetch(widest.file.url))) as stored:
        assert stored.width == widest.width

    # Kept by browsers and a CDN as when the site serves them from its disk.
    def cache_control(name: str) -> str:
        return bucket.head_object(Bucket=BUCKET, Key=name)["CacheControl"]

    assert cache_control(widest.file.name) == "public, max-age=31536000, immutable"
    assert cache_control(image.file.name) == "public, max-age=86400"


def test_the_settings_point_media_and_the_csp_at_the_bucket(tmp_path):
    configured = settings_for(
        tmp_path,
        MERIDIAN_S3_BUCKET=BUCKET,
        MERIDIAN_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        MERIDIAN_S3_ACCESS_KEY_ID="id",
        MERIDIAN_S3_SECRET_ACCESS_KEY="secret",
    )
    assert configured["storage"] == "meridian.media.object_storage.ObjectStorage"
    assert configured["storage_options"]["bucket_name"] == BUCKET
    assert configured["storage_options"]["addressing_style"] == "path"
    assert "http://127.0.0.1:9000" in configured["img_src"]
    local = settings_for(tmp_path)
    assert local["storage"] == "django.core.files.storage.FileSystemStorage"
    assert local["img_src"] == ["'self'", "data:"]
