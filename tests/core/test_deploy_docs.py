"""docs/deploy.md stays true: its commands parse, its variables are documented."""

import re
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

CHECKOUT = Path(__file__).parents[2]
DEPLOY = (CHECKOUT / "docs" / "deploy.md").read_text()
README = (CHECKOUT / "README.md").read_text()


def _meridian_commands() -> list[list[str]]:
    """Return the argument lists of every `.../bin/meridian ...` in the guide."""
    found = []
    for line in DEPLOY.splitlines():
        match = re.search(r"/bin/meridian ([^'\n]+)", line)
        if match:
            # A shell substitution ($(date ...)) stands for one word.
            words = re.sub(r"\$\([^)]*\)", "X", match.group(1))
            found.append(shlex.split(words, comments=True))
    return found


@pytest.mark.parametrize("args", _meridian_commands(), ids=" ".join)
def test_every_command_in_the_guide_parses(args, settings):
    # As meridian.env in the guide sets it (MERIDIAN_TASKS=database).
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}
    name, *options = args
    app = get_commands()[name]
    command = load_command_class(app, name)
    command.create_parser("meridian", name).parse_args(options)


def test_the_guide_names_the_units_and_timer_the_issue_asks_for():
    for unit in (
        "meridian.service",
        "meridian-worker.service",
        "meridian-backup.timer",
    ):
        assert unit in DEPLOY
    assert "docs/nginx.conf" in DEPLOY


def test_every_variable_in_the_guide_is_in_the_readme():
    named = set(re.findall(r"\bMERIDIAN_[A-Z0-9_]+", DEPLOY))
    missing = {name for name in named if f"`{name}`" not in README}
    assert not missing
