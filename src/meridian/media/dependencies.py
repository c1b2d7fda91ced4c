"""The media library's tag for cached pages (core/dependencies.py).

`image(pk)`: one library image as `{% picture %}` and `{% share_image %}`
show it (its text, file and renditions). A change to the image bumps it;
bodies that embed it are rendered again by the journal, which bumps its own.
"""


def image(pk: int) -> str:
    return f"image:{pk}"
