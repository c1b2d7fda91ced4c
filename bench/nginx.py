"""nginx as the baseline (the saved pages as static files) and as Meridian's front.

The front configuration is docs/nginx.conf without TLS: a one-second
proxy_cache for the pages Meridian marks with X-Accel-Expires.
"""

import shutil
import subprocess
from pathlib import Path

# What both configurations share: one process tree under the run's own prefix.
_PREAMBLE = """\
daemon off;
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
"""

CONFIG = (
    _PREAMBLE
    + """\
    types {{
        text/html html;
    }}
    default_type application/octet-stream;
    server {{
        listen {host}:{port};
        root {root};
        index index.html;
    }}
}}
"""
)


FRONT_CONFIG = (
    _PREAMBLE
    + """\
    proxy_cache_path {prefix}/cache levels=1:2 keys_zone=meridian:10m
                     max_size=64m inactive=10m use_temp_path=off;
    upstream meridian {{
        server {upstream};
        keepalive 32;
    }}
    server {{
        listen {host}:{port};
        location / {{
            proxy_pass http://meridian;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_cache meridian;
            proxy_cache_key $scheme$http_host$request_uri;
            proxy_ignore_headers Cache-Control Expires;
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            proxy_cache_lock on;
            proxy_cache_use_stale updating;
            add_header X-Front-Cache $upstream_cache_status always;
        }}
    }}
}}
"""
)


def binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )


def version() -> str:
    path = binary()
    if not path:
        return ""
    completed = subprocess.run([path, "-v"], capture_output=True, text=True)
    return completed.stderr.strip().removeprefix("nginx version: ")


def write_site(prefix: Path, pages: dict[str, str], host: str, port: int) -> Path:
    """Lay out each page as <url>/index.html under prefix/www; return the config."""
    root = prefix / "www"
    for url, html in pages.items():
        folder = root / url.strip("/")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")
    # nginx's workers drop to an unprivileged user; let them read the files.
    for path in [prefix.parent, prefix, root, *root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o644)
    config = prefix / "nginx.conf"
    config.write_text(CONFIG.format(prefix=prefix, root=root, host=host, port=port))
    return config


def write_front(prefix: Path, upstream: str, host: str, port: int) -> Path:
    """Write a front nginx config caching what the upstream marks; return it."""
    prefix.mkdir(parents=True, exist_ok=True)
    # nginx's workers drop to an unprivileged user; let them reach their dirs.
    for path in (prefix.parent, prefix):
        path.chmod(0o755)
    config = prefix / "nginx.conf"
    config.write_text(
        FRONT_CONFIG.format(prefix=prefix, upstream=upstream, host=host, port=port)
    )
    return config


def argv(config: Path) -> list[str]:
    prefix = config.parent
    return [
        binary() or "nginx",
        *("-e", str(prefix / "error.log")),
        *("-p", str(prefix)),
        *("-c", str(config)),
    ]
