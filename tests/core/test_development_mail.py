from django.core.mail import EmailMultiAlternatives, get_connection

from meridian.core.development_mail import DevelopmentEmailBackend


def test_development_backend_writes_one_file_per_message(settings, tmp_path, capsys):
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    connection = get_connection(
        "meridian.core.development_mail.DevelopmentEmailBackend"
    )
    assert isinstance(connection, DevelopmentEmailBackend)
    messages = [
        EmailMultiAlternatives(f"Confirm {n}", "Click the link", to=["a@example.org"])
        for n in range(3)
    ]
    assert connection.send_messages(messages) == 3
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 3
    assert "Click the link" in files[0].read_text()
    assert "Subject: Confirm 0" in capsys.readouterr().out
