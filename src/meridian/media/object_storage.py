"""Media on S3-compatible object storage (MERIDIAN_S3_BUCKET, settings.py).

django-storages' S3Storage, with each object stored with the Cache-Control the
site's own disk serving gives it (cache_policy.py): without one, browsers and
a CDN in front of the bucket fetched every picture again on every page.
"""

from storages.backends.s3 import S3Storage

from .cache_policy import cache_control


class ObjectStorage(S3Storage):
    def get_object_parameters(self, name: str) -> dict:
        parameters = super().get_object_parameters(name)
        parameters.setdefault("CacheControl", cache_control(name))
        return parameters
