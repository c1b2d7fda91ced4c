"""The subscribers' periodic work: the weekly digest, resumed sends, expired sign-ups.

`meridian worker` (which `meridian serve` starts) runs `tick()` every few
minutes through core.periodic; `meridian subscribers_tick` runs it once, for
sites that run the task worker some other way and call it from cron.
"""

from .digests import start_weekly_digest
from .sending import resume_stalled_mailings
from .subscribing import purge_expired_signups

# The digest goes out within this many seconds of its time in Site settings.
EVERY = 300


def tick() -> str:
    """Do what is due now; return one line saying what was done."""
    digest = start_weekly_digest()
    resumed = resume_stalled_mailings()
    purged = purge_expired_signups()
    return (
        f"digest: {'started' if digest else 'not due'}; "
        f"resumed mailings: {len(resumed)}; expired sign-ups deleted: {purged}"
    )
