"""The development email backend: one .eml file per message, and the console."""

import itertools
import os
import re
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend

_sequence = itertools.count()


class DevelopmentEmailBackend(BaseEmailBackend):
    """Write every message to its own file under EMAIL_FILE_PATH and echo it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(settings.EMAIL_FILE_PATH)
        self.console = ConsoleBackend(*args, **kwargs)

    def send_messages(self, email_messages) -> int:
        self.directory.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S-%f")
            subject = re.sub(r"[^\w-]+", "-", str(message.subject))[:40].strip("-")
            # pid and a counter keep names unique across workers and fast loops.
            unique = f"{os.getpid()}-{next(_sequence)}"
            path = self.directory / f"{stamp}-{unique}-{subject or 'message'}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            sent += 1
        self.console.send_messages(email_messages)
        return sent
