"""The API's rate limit per client address, in the shared cache.

Ninja's anonymous throttle counts in Django's default cache (files under the
data dir, or Redis), so the limit holds across workers and app servers. The
client's address is REMOTE_ADDR, or behind a proxy (MERIDIAN_BEHIND_PROXY) the
X-Forwarded-For entry the proxy appended, as for the sign-in doors: never an
entry the client wrote itself. Answers served from the page cache cost no
query and are not counted.
"""

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle


class PerAddressThrottle(AnonRateThrottle):
    def __init__(self) -> None:
        super().__init__(rate=settings.API_RATE_LIMIT)

    def allow_request(self, request: HttpRequest) -> bool:
        # Read each time, so a changed setting (or a test's) takes effect.
        self.rate = settings.API_RATE_LIMIT
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
