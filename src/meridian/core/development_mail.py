"""The development email backend: one .eml file per message, and the console."""

import itertools
import os
import re
from datetime import datetime
from email.parser import BytesHeaderParser
from email.utils import getaddresses
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


def erase_messages_to(addresses: set[str]) -> int:
    """Delete the saved messages sent to any of `addresses`; return how many.

    The folder holds whole messages (reset links, comment text): a person who
    erases their account takes their mail with them.
    """
    wanted = {address.lower() for address in addresses if address}
    directory = Path(settings.EMAIL_FILE_PATH)
    if not wanted or not directory.is_dir():
        return 0
    erased = 0
    for path in directory.glob("*.eml"):
        try:
            with path.open("rb") as handle:
                headers = BytesHeaderParser().parse(handle)
        except OSError:
            continue
        recipients = getaddresses(
            [
                str(value)
                for field in ("To", "Cc", "Bcc")
                for value in headers.get_all(field, [])
            ]
        )
        if any(address.lower() in wanted for _name, address in recipients):
            path.unlink(missing_ok=True)
            erased += 1
    return erased
