"""The learning log: reflections and their short threads of replies."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.notifications import services as notifications
from programmes.core.models import (
    Application,
    ApplicationState,
    Cohort,
    Reflection,
    ReflectionReply,
    Session,
)
from programmes.core.presenters import site_url
from programmes.core.rules import can_reply_to_reflection
from programmes.core.services.completion import ensure_cohort_ended

S = ApplicationState


# --- the learning log ---------------------------------------------------------------------------------

LOG_STATES = frozenset({S.ACCEPTED, S.COMPLETED})  # a place that may write in the cohort's learning log


def save_reflection(
    actor, cohort: Cohort, text: str, *, shared: bool, session: Session | None = None, keep: bool | None = None
) -> Reflection:
    """Write, or change, the person's reflection on a session of their cohort (``session``), or their
    final reflection on it (no session), once the session has started (the final one once the cohort's
    last session has ended). Shared reflections are read by the cohort's faculty and
    coaches; making one private again hides it, and its replies, from them. ``keep`` is the author's choice to
    keep it after the usual two years (``None`` leaves the choice as it was)."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to write in your learning log.")
    if not Application.objects.filter(cohort=cohort, applicant=actor, state__in=LOG_STATES).exists():
        raise PermissionDenied("Only people with a place on this cohort can write in its learning log.")
    errors = {}
    if session is not None:
        if session.cohort_id != cohort.pk:
            raise ValidationError("That session is not part of this cohort.")
        if session.starts_at > timezone.now():
            raise ValidationError("You can write about a session once it has started.")
    else:
        ensure_cohort_ended(cohort, "You can write your final reflection")
    text = (text or "").strip()
    if not text:
        errors["text"] = "Enter your reflection"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update()
            .filter(cohort=cohort, author=actor, session=session)
            .first()
        )
        if reflection is None:
            try:
                with transaction.atomic():
                    reflection = Reflection.objects.create(
                        cohort=cohort, session=session, author=actor, text=text, shared=bool(shared),
                        kept_by_author=bool(keep),
                    )
            except IntegrityError as exc:  # written at the same moment in another tab
                raise ValidationError("You have already written this reflection. Open it again to change it.") from exc
        else:
            reflection.text = text
            reflection.shared = bool(shared)
            if keep is not None:
                reflection.kept_by_author = bool(keep)
            reflection.save(update_fields=["text", "shared", "kept_by_author", "updated_at"])
    return reflection


def reply_to_reflection(actor, reflection: Reflection, text: str) -> ReflectionReply:
    """A reply in a shared reflection's thread, by the cohort's faculty or coaches, or by the author back.
    A faculty reply emails the author a link (never the text); the author's reply back emails the faculty
    and coaches who have replied in the thread and still teach the cohort."""
    text = (text or "").strip()
    with transaction.atomic():
        reflection = (
            Reflection.objects.select_for_update(of=("self",))
            .select_related("author", "cohort__programme", "session")
            .get(pk=reflection.pk)
        )
        if not reflection.shared:
            raise ValidationError("This reflection is private, so no one can reply to it.")
        if not (actor and can_reply_to_reflection(actor, reflection)):
            raise PermissionDenied("Only the cohort's faculty and coaches, and the author, can reply.")
        if not text:
            raise ValidationError({"text": "Enter your reply"})
        reply = ReflectionReply.objects.create(reflection=reflection, author=actor, text=text)
        Reflection.objects.filter(pk=reflection.pk).update(updated_at=timezone.now())
        if actor.pk != reflection.author_id:
            to = [(reflection.author, "reflection_reply", f"reflection-reply:{reply.pk}")]
        else:
            to = [(member, "reflection_author_reply", f"reflection-author-reply:{reply.pk}:{member.pk}")
                  for member in _faculty_in_thread(reflection)]
        url = site_url(reverse("programmes:reflection", args=[reflection.pk]))
        for person, template, key in to:
            context = {"sender": actor.get_full_name(), "cohort": reflection.cohort.title, "url": url}
            notifications.email_user_after_commit(key, template, person, context, link=url)
    return reply


def _faculty_in_thread(reflection: Reflection) -> list:
    """The cohort's current faculty and coaches who have replied to this reflection, once each."""
    return list(
        User.objects.filter(
            faculty_of__cohort_id=reflection.cohort_id,
            pk__in=ReflectionReply.objects.filter(reflection=reflection).values("author_id"),
        )
        .exclude(pk=reflection.author_id)
        .distinct()
        .order_by("pk")
    )
