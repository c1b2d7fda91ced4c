"""Page weight, the budgets (README, "Budgets"), and the printed table."""

import gzip
from html.parser import HTMLParser

WEIGHT_BUDGET_BYTES = 30_000  # HTML + CSS, compressed
QUERY_BUDGET = 8
RATIO_BUDGET = 0.5
GZIP_LEVEL = 6  # what a front server's on-the-fly gzip uses by default


class _Assets(HTMLParser):
    """Collect stylesheets and scripts that would block rendering."""

    def __init__(self):
        super().__init__()
        self.stylesheets: list[str] = []
        self.blocking_scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes.get("href") or "")
        if tag == "script" and attributes.get("src"):
            deferred = "defer" in attributes or "async" in attributes
            if not deferred and attributes.get("type") != "module":
                self.blocking_scripts.append(attributes["src"])


def assets(html: str) -> _Assets:
    parser = _Assets()
    parser.feed(html)
    return parser


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def page_weight(html: str, stylesheets: dict[str, bytes]) -> dict:
    """Return the compressed bytes of the page and its CSS, and what blocks."""
    found = assets(html)
    html_bytes = gzip_size(html.encode("utf-8"))
    css_bytes = sum(gzip_size(body) for body in stylesheets.values())
    fonts = [url for url, body in stylesheets.items() if b"@font-face" in body]
    total = html_bytes + css_bytes
    return {
        "html_gzip": html_bytes,
        "css_gzip": css_bytes,
        "total_gzip": total,
        "stylesheets": list(stylesheets),
        "blocking_scripts": found.blocking_scripts,
        "web_fonts_in": fonts,
        "budget": WEIGHT_BUDGET_BYTES,
        "passed": total <= WEIGHT_BUDGET_BYTES
        and not found.blocking_scripts
        and not fonts,
    }


def budgets(results: dict) -> list[dict]:
    """Check each budget (README, "Budgets") that this run measured."""
    rows = results["rows"]
    queries = results["queries"]
    checks = []

    def ratio(page: str, setup: str, base: str) -> float | None:
        try:
            mine = rows[page][setup]["requests_per_second"]
            theirs = rows[page][base]["requests_per_second"]
        except KeyError:
            return None
        return mine / theirs if theirs else None

    for page, setup, base, what, budgeted in (
        ("article", "front cache", "nginx", "article, front cache, vs nginx", True),
        ("article", "warm cache", "nginx", "article, gunicorn alone, vs nginx", False),
        ("article", "cache off", "bare Django", "article, cache off, vs bare", True),
        ("article", "cold", "bare Django", "article, cold (no caches), vs bare", False),
        ("index", "front cache", "nginx", "index, front cache, vs nginx", False),
        ("index", "cache off", "bare Django", "index, cache off, vs bare", False),
    ):
        value = ratio(page, setup, base)
        if value is None:
            continue
        checks.append(
            {
                "what": what,
                "value": f"{value:.0%}",
                "budget": f">= {RATIO_BUDGET:.0%}" if budgeted else "none; for scale",
                "passed": value >= RATIO_BUDGET if budgeted else None,
            }
        )
    for page in ("article", "index"):
        count = queries[page]["queries"]
        checks.append(
            {
                "what": f"{page}, SQL queries, cache off",
                "value": str(count),
                "budget": f"<= {QUERY_BUDGET}",
                "passed": count <= QUERY_BUDGET,
            }
        )
    weight = results["page_weight"]
    extra = []
    if weight["blocking_scripts"]:
        extra.append("render-blocking: " + ", ".join(weight["blocking_scripts"]))
    if weight["web_fonts_in"]:
        extra.append("web fonts in: " + ", ".join(weight["web_fonts_in"]))
    checks.append(
        {
            "what": "article weight, HTML + CSS gzip",
            "value": f"{weight['total_gzip'] / 1000:.1f} KB"
            + (f" ({'; '.join(extra)})" if extra else ""),
            "budget": f"<= {WEIGHT_BUDGET_BYTES / 1000:.0f} KB, no blocking script",
            "passed": weight["passed"],
        }
    )
    return checks


def table(results: dict) -> str:
    """Render the measurements and the budgets as plain-text tables."""
    rows = results["rows"]
    queries = results["queries"]
    lines = [
        _row("page", "setup", "req/s", "p99 ms", "vs nginx", "vs bare", "queries"),
        _row(*["-" * width for width in WIDTHS]),
    ]
    for page in ("article", "index"):
        measured = rows.get(page, {})
        nginx = measured.get("nginx", {}).get("requests_per_second")
        bare = measured.get("bare Django", {}).get("requests_per_second")
        for setup, figures in measured.items():
            rate = figures["requests_per_second"]
            versus_nginx = f"{rate / nginx:.0%}" if nginx and setup != "nginx" else ""
            versus_bare = (
                f"{rate / bare:.0%}"
                if bare and setup in ("warm cache", "cache off", "cold", "front cache")
                else ""
            )
            count = str(queries[page]["queries"]) if setup == "cache off" else ""
            errors = f" ({figures['errors']} errors)" if figures["errors"] else ""
            lines.append(
                _row(
                    page,
                    setup,
                    f"{rate:,.0f}{errors}",
                    f"{figures['p99_ms']:.1f}",
                    versus_nginx,
                    versus_bare,
                    count,
                )
            )
    lines += ["", "Budgets (README, Budgets):"]
    for check in results["budgets"]:
        verdict = {True: "PASS", False: "MISS", None: "info"}[check["passed"]]
        lines.append(
            f"  {verdict:<5} {check['what']:<36} {check['value']:<10} "
            f"(budget {check['budget']})"
        )
    return "\n".join(lines)


WIDTHS = (8, 12, 16, 8, 9, 8, 7)


def _row(*cells: str) -> str:
    return "  ".join(
        cell.ljust(width) if index < 2 else cell.rjust(width)
        for index, (cell, width) in enumerate(zip(cells, WIDTHS, strict=True))
    ).rstrip()
