"""The accounts' tag for cached pages (core/dependencies.py).

`PEOPLE`: what pages show of a person (name, credentials, bio, picture), in
bylines, author pages and comments. A change to a public profile bumps it.
"""

PEOPLE = "people"
