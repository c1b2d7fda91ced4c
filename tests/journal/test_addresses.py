from meridian.journal.models import Post

# Unicode, a character reverse() leaves unquoted, and slugs that read like
# the address around them.
SLUGS = ["sleep-well", "über-schlaf", "针灸", "a~b", "slug", "articles"]


def test_many_addresses_at_once_read_as_each_articles_own():
    expected = [Post(slug=slug).get_absolute_url() for slug in SLUGS]
    assert list(Post.addresses(SLUGS)) == expected
    assert expected[1] == "/articles/%C3%BCber-schlaf/"
    assert list(Post.addresses([])) == []
