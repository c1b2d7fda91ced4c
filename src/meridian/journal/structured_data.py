"""JSON-LD for articles: BlogPosting, or MedicalWebPage once reviewed."""

from meridian.core.models import SiteSettings
from meridian.core.urlbuilding import absolute_url
from meridian.media.markup import best_rendition

from .models import Post, author_url


def article_jsonld(post: Post) -> dict:
    """Return schema.org data describing an article for search engines."""
    site = SiteSettings.current()
    url = absolute_url(post.get_absolute_url())
    author = {
        "@type": "Person",
        "name": post.author.public_name,
        "url": absolute_url(author_url(post.author)),
    }
    if post.author.credentials:
        author["honorificSuffix"] = post.author.credentials
    # An editor's preview of an undated draft has only its last save to offer.
    published = post.published_at or post.updated_at
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.excerpt,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": published.isoformat(),
        "dateModified": max(post.updated_at, published).isoformat(),
        "author": author,
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "url": absolute_url("/"),
        },
        "wordCount": post.word_count,
        "inLanguage": "en",
    }
    if post.featured_image:
        url, width, height, _type = best_rendition(post.featured_image)
        data["image"] = {
            "@type": "ImageObject",
            "url": url
            if url.startswith(("https://", "http://"))
            else absolute_url(url),
            "width": width,
            "height": height,
        }
    if post.category:
        data["articleSection"] = post.category.name
    if post.reviewed_by:
        data["@type"] = ["BlogPosting", "MedicalWebPage"]
        data["reviewedBy"] = {"@type": "Person", "name": post.reviewed_by}
        if post.last_reviewed:
            data["lastReviewed"] = post.last_reviewed.isoformat()
    citations = [source.url or source.title for source in post.source_list()]
    if citations:
        data["citation"] = citations
    return data
