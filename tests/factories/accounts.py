import factory

from academy.accounts.models import User

TEST_PASSWORD = "correct-horse-battery-staple-42"


def html_plain_last_name() -> str:
    """An en_GB surname whose HTML is its text: Faker also gives O'Brien and O'Neill, which a page shows as
    ``O&#x27;Brien``, so a test looking for the name in the page would fail at random. Names with an
    apostrophe are tested on purpose instead (tests/academy/ui/test_pages.py)."""
    faker = factory.Faker._get_faker(locale="en_GB")
    name = faker.last_name()
    while "'" in name:
        name = faker.last_name()
    return name


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.nhs.uk")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.LazyFunction(html_plain_last_name)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Give the person a verified primary email address, as allauth expects (default on)."""
        if not create:
            return
        obj.save()  # keeps the password set above
        if extracted is False:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(user=obj, email=obj.email, defaults={"verified": True, "primary": True})
