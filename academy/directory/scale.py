"""The scale dataset: ``factor`` times south east London's size, written with bulk inserts, for benchmarks
(``manage.py seed_scale``). Each app's demo.py adds its own scale builders and clearers to the registries in
academy.directory.demo.
"""

from __future__ import annotations

import random

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from academy.accounts.models import User
from academy.directory import services
from academy.directory.demo import (
    DEMO_LEADERS,
    ORGANISATIONS,
    SCALE_BUILDERS,
    SCALE_CLEARERS,
    SCALE_DOMAIN,
    SEED,
    SeedContext,
    email_for,
    make_names,
    random_equality,
    random_profile,
    reference_for,
)
from academy.directory.models import (
    Borough,
    EqualityMonitoring,
    LeaderProfile,
    Organisation,
    ProviderCollaborative,
)

SCALE_ORG_PREFIX = "Scale test organisation"


def scale_counts() -> dict[str, int]:
    return {
        "leaders": User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").count(),
        "organisations": Organisation.objects.filter(name__startswith=SCALE_ORG_PREFIX).count(),
    }


@transaction.atomic
def clear_scale() -> None:
    autodiscover_modules("demo")  # each app's demo.py appends to SCALE_CLEARERS
    for clear in SCALE_CLEARERS:
        clear()
    User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").delete()
    Organisation.objects.filter(name__startswith=SCALE_ORG_PREFIX).delete()


def scale_builders() -> list[tuple[str, object]]:
    """Every app's scale builder, by label ("conference", "network analysis ties"...), in the order they run."""
    autodiscover_modules("demo")  # each app's demo.py appends to SCALE_BUILDERS
    return list(SCALE_BUILDERS)


@transaction.atomic
def seed_scale(ctx: SeedContext, factor: int, only: list[str] | None = None) -> dict[str, int]:
    """``factor`` times SEL's size, written with bulk_create. Expects no scale data yet. ``only`` names the
    apps' builders to run after the organisations and leaders (all of them when it is empty): at factor 100,
    measuring the network snapshot needs the people and their ties, not 500,000 community posts."""
    rng = random.Random(SEED + factor)
    boroughs = list(Borough.objects.order_by("name"))
    collaboratives = list(ProviderCollaborative.objects.order_by("name"))
    org_count = factor * len(ORGANISATIONS)
    leader_count = factor * DEMO_LEADERS

    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"{SCALE_ORG_PREFIX} {number}: {base[0]}",
                org_type=base[1],
                borough=rng.choice(boroughs) if base[2] else None,
            )
            for number, base in ((n, ORGANISATIONS[n % len(ORGANISATIONS)]) for n in range(1, org_count + 1))
        ]
    )
    Through = Organisation.collaboratives.through
    Through.objects.bulk_create(
        [
            Through(organisation_id=org.pk, providercollaborative_id=rng.choice(collaboratives).pk)
            for org in organisations
            if rng.random() < 0.6
        ]
    )

    reference = reference_for(organisations)
    names = make_names(leader_count, seed=SEED + factor)
    users = User.objects.bulk_create(
        [
            User(
                email=email_for(first, last, number, SCALE_DOMAIN),
                first_name=first,
                last_name=last,
                password=ctx.password_hash,
                is_active=rng.random() > 0.02,
            )
            for number, (first, last) in enumerate(names, start=1)
        ],
        batch_size=1000,
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=1000,
    )

    profiles, interest_rows, answers = [], [], []
    for user in users:
        data = random_profile(rng, reference)
        chosen = rng.sample(reference["interests"], k=rng.randint(0, 4))
        profile = LeaderProfile(
            user=user,
            line_manager_name="Line manager",
            line_manager_email=f"manager.{user.pk}@{SCALE_DOMAIN}",
            **data,
        )
        profile.search_document = services.build_search_document(profile, [i.name for i in chosen])
        profiles.append(profile)
        interest_rows.append(chosen)
        if rng.random() < 0.6:
            answers.append(
                EqualityMonitoring(user=user, consented_at=timezone.now(), **random_equality(rng))
            )
    LeaderProfile.objects.bulk_create(profiles, batch_size=1000)
    Interest = LeaderProfile.interests.through
    Interest.objects.bulk_create(
        [
            Interest(leaderprofile_id=profile.pk, priorityfunction_id=function.pk)
            for profile, chosen in zip(profiles, interest_rows, strict=True)
            for function in chosen
        ],
        batch_size=5000,
    )
    EqualityMonitoring.objects.bulk_create(answers, batch_size=1000)
    ctx.counts.update(
        {
            "organisations created": org_count,
            "leaders created": leader_count,
            "equality answers created": len(answers),
        }
    )

    for label, builder in scale_builders():
        if not only or label in only:
            builder(ctx, factor)
    return ctx.counts
