"""gunicorn's logs for `meridian serve`: JSON lines on demand, addresses on request.

A health site's access log would otherwise keep every reader's IP address;
it leaves them out unless the operator asks (`--log-client-address` or
MERIDIAN_LOG_CLIENT_ADDRESS).
"""

from django.conf import settings
from gunicorn.glogging import Logger

from .logs import JsonFormatter

# gunicorn's combined format, without the client address (%(h)s) unless asked
# for, and with the request id the site echoes in X-Request-ID.
ACCESS_LOG_FORMAT = (
    '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s %(M)sms'
)


class ServerLogger(Logger):
    """gunicorn's logger, following MERIDIAN_LOG_FORMAT and the address choice."""

    log_client_address = False

    def setup(self, cfg) -> None:
        super().setup(cfg)
        # bench's bare Django baseline shares these server options, not our settings.
        self.json_lines = getattr(settings, "LOG_FORMAT", "text") == "json"
        if self.json_lines:
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        if not self.log_client_address:
            atoms["h"] = "-"
            for name in ("{remote_addr}e", "{x-forwarded-for}i", "{x-real-ip}i"):
                atoms.pop(name, None)
        return atoms

    def access(self, resp, req, environ, request_time) -> None:
        if not getattr(self, "json_lines", False):
            super().access(resp, req, environ, request_time)
            return
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        fields = {
            "method": atoms["m"],
            "path": atoms["U"],
            "query": atoms["q"] or "",
            "status": int(atoms["s"]) if str(atoms["s"]).isdigit() else atoms["s"],
            "bytes": atoms["B"],
            "duration_ms": atoms["M"],
            "referer": atoms["f"],
            "user_agent": atoms["a"],
            "request_id": atoms.get("{x-request-id}o"),
        }
        if self.log_client_address:
            fields["client"] = atoms["h"]
        self.access_log.info(
            "%s %s %s", atoms["m"], atoms["U"], atoms["s"], extra={"fields": fields}
        )


class ServerLoggerWithAddresses(ServerLogger):
    """The same, keeping client addresses (the operator asked for them)."""

    log_client_address = True
