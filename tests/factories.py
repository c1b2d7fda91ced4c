"""factory_boy factories for the models readers and staff meet."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meridian.accounts.models import User
from meridian.journal.models import Category, Page, Post, Tag


class UserFactory(DjangoModelFactory[User]):
    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.Faker("name")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct horse battery staple")
        if create:
            self.save()


class CategoryFactory(DjangoModelFactory[Category]):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = Category
        django_get_or_create = ("slug",)


class TagFactory(DjangoModelFactory[Tag]):
    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")

    class Meta:
        model = Tag
        django_get_or_create = ("slug",)


class PostFactory(DjangoModelFactory[Post]):
    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    author = factory.SubFactory(UserFactory)
    body = "## First heading\n\nA paragraph about acupuncture.\n\n- one\n- two\n"
    status = Post.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    class Meta:
        model = Post


class PageFactory(DjangoModelFactory[Page]):
    title = "About the clinic"
    slug = "about"
    body = "We are a small clinic."

    class Meta:
        model = Page
        django_get_or_create = ("slug",)
