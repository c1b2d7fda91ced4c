"""`meridian import-wordpress`: a summary table, plain progress off a terminal."""

import io

import pytest
from django.core.management import CommandError, call_command

from meridian.journal.models import Post
from meridian.wordpress.progress import Progress

pytestmark = pytest.mark.django_db


def test_import_prints_the_summary_table(wxr_path):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_wordpress", str(wxr_path("clinic-1.2.xml")), stdout=out, stderr=err
    )
    text = out.getvalue()
    assert "imported  updated  skipped  failed" in text
    assert "posts               3" in text
    assert "items/s" in text
    assert "items" in err.getvalue()
    assert "\r" not in err.getvalue()
    assert Post.objects.count() == 3


def test_dry_run_and_author_map_options(wxr_path, tmp_path, user_factory):
    person = user_factory(username="rk")
    mapping = tmp_path / "authors.txt"
    mapping.write_text("# WordPress login = Meridian username\nrosa.k = rk\n")
    out = io.StringIO()
    call_command(
        "import_wordpress",
        str(wxr_path("clinic-1.2.xml")),
        "--dry-run",
        f"--author-map={mapping}",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "Dry run: nothing was written." in out.getvalue()
    assert not Post.objects.exists()
    assert person.posts.count() == 0


def test_an_unknown_person_in_the_author_map_is_a_clear_error(wxr_path, tmp_path):
    mapping = tmp_path / "authors.txt"
    mapping.write_text("rosa.k = nobody\n")
    with pytest.raises(CommandError, match="line 1: no person here"):
        call_command(
            "import_wordpress",
            str(wxr_path("clinic-1.2.xml")),
            f"--author-map={mapping}",
            stdout=io.StringIO(),
        )


def test_a_broken_file_is_a_clear_error_with_its_line(wxr_path):
    with pytest.raises(CommandError, match="line 8, column 35: the file is not well"):
        call_command("import_wordpress", str(wxr_path("malformed.xml")))
    assert not Post.objects.exists()


def test_progress_is_a_bar_on_a_terminal_with_rate_and_eta():
    stream = io.StringIO()
    progress = Progress(stream, tty=True)
    progress(50, 100)
    progress(100, 100)
    progress.finish()
    text = stream.getvalue()
    assert "\r" in text
    assert "100/100 items" in text
    assert "ETA" in text
    assert "/s" in text
    assert "█" * Progress.WIDTH in text
