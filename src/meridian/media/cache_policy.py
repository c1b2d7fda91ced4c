"""How long browsers and shared caches may keep a stored picture.

The same whether the site serves media from its own disk (serving.py) or an
S3-compatible bucket does (object_storage.py).
"""

# Renditions have names that change with the file: kept for a year.
RENDITION_CACHE = "public, max-age=31536000, immutable"
# Originals, avatars and logos: a day, so a removed picture leaves caches soon.
ORIGINAL_CACHE = "public, max-age=86400"
RENDITIONS_FOLDER = "renditions/"


def cache_control(name: str) -> str:
    """Return the Cache-Control a stored file of this name is served with."""
    return RENDITION_CACHE if name.startswith(RENDITIONS_FOLDER) else ORIGINAL_CACHE
