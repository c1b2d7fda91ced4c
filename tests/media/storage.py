from django.core.files.storage import default_storage


def stored_files() -> list[str]:
    """Return every file name in storage (the test's own MEDIA_ROOT)."""
    found = []

    def walk(folder: str) -> None:
        folders, files = default_storage.listdir(folder)
        found.extend(f"{folder}/{name}".lstrip("/") for name in files)
        for name in folders:
            walk(f"{folder}/{name}".lstrip("/"))

    try:
        walk("")
    except FileNotFoundError:
        return []
    return sorted(found)
