import pytest

from meridian.comments.throttling import Rate, allow_comment, client_ip, parse_rate


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/10m", Rate(5, 600)),
        ("3/h", Rate(3, 3600)),
        ("10 / 30s", Rate(10, 30)),
        ("2/1d", Rate(2, 86400)),
        ("7/45", Rate(7, 45)),
        ("nonsense", Rate(5, 600)),
        ("0", None),
        ("", None),
        ("0/1m", None),
    ],
)
def test_rates_are_read_from_the_site_setting(text, rate):
    assert parse_rate(text) == rate


def test_the_limit_counts_person_and_ip_separately():
    assert allow_comment("2/1h", person="a", ip="1.1.1.1")
    assert allow_comment("2/1h", person="a", ip="2.2.2.2")
    assert not allow_comment("2/1h", person="a", ip="3.3.3.3")  # the person
    assert allow_comment("2/1h", person="b", ip="3.3.3.3")
    assert not allow_comment("2/1h", person="c", ip="3.3.3.3")  # the address


def test_client_ip_trusts_the_proxy_only_when_told(rf, settings):
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 8.8.8.8"
    )
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request) == "10.0.0.1"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request) == "8.8.8.8"
