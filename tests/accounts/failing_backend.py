"""An email backend whose mail server is always down."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend

attempts: list[str] = []


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        attempts.extend(str(message.subject) for message in email_messages)
        raise smtplib.SMTPServerDisconnected("the mail server went away")
