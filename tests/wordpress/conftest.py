from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture
def wxr_path():
    """Return the path of a WXR sample in tests/wordpress/data/."""
    return lambda name: DATA / name
