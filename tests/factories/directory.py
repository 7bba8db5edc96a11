import factory
from django.utils import timezone

from academy.directory import services
from academy.directory.models import (
    Borough,
    CareerStage,
    EqualityMonitoring,
    LeaderGroup,
    LeaderProfile,
    Organisation,
    OrganisationType,
    Profession,
)
from tests.factories.accounts import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Test Health Partnership {n}")
    org_type = OrganisationType.OTHER
    borough = factory.LazyFunction(lambda: Borough.objects.order_by("name").first())


class LeaderProfileFactory(factory.django.DjangoModelFactory):
    """A leader's profile with its search text kept right, as the profile service would keep it."""

    class Meta:
        model = LeaderProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    profession = factory.LazyFunction(lambda: Profession.objects.order_by("position").first())
    organisation = factory.SubFactory(OrganisationFactory)
    borough = factory.LazyFunction(lambda: Borough.objects.order_by("name").first())
    leader_group = factory.LazyFunction(lambda: LeaderGroup.objects.order_by("position").first())
    career_stage = CareerStage.ESTABLISHED
    job_title = "Clinical lead"
    line_manager_name = "Morgan Line"
    line_manager_email = factory.Sequence(lambda n: f"manager{n}@example.nhs.uk")
    listed_in_directory = True

    @factory.post_generation
    def interests(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.interests.set(extracted)

    @factory.post_generation
    def search(obj, create, extracted, **kwargs):
        if create:
            services.refresh_search_document(obj)


class EqualityMonitoringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EqualityMonitoring

    user = factory.SubFactory(UserFactory)
    consented_at = factory.LazyFunction(timezone.now)
    ethnicity = "white_british"
    sex = "female"
    gender_identity_same_as_birth = "yes"
    sexual_orientation = "heterosexual"
    disability = "no"
    age_band = "35_44"
    religion = "none"
