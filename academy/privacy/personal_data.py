"""What the portal holds about a person, app by app: the registry behind "Download my data".

Each app keeps an exporter in its own ``<app>/personal_data.py`` (found by autodiscovery) and says which
foreign keys to the user it covers:

    @register_exporter("programmes", title="Programmes", covers=["programmes_core.Application.applicant"])
    def export(person, out):
        out.table("applications", rows(Application.objects.filter(applicant=person), ["id", "cohort__name"]))
        out.file("uploads/plan.pdf", attachment.file)

``tests/academy/privacy/test_registry.py`` fails when a model gains a foreign key (or one-to-one) to the user
model that no exporter covers and that is not excluded below with a reason, so a new app cannot forget.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.module_loading import autodiscover_modules


@dataclass
class PersonalExport:
    """What the exporters found for one person: named tables (rows of dicts) and files."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    files: dict[str, object] = field(default_factory=dict)  # path in the ZIP -> a FieldFile or bytes

    def table(self, name: str, table_rows: Iterable[dict]) -> None:
        self.tables[name] = [dict(row) for row in table_rows]

    def file(self, path: str, content) -> None:
        self.files[path] = content


@dataclass(frozen=True)
class Exporter:
    name: str
    title: str
    covers: tuple[str, ...]  # "app_label.Model.field" foreign keys to the user this exporter reads
    export: Callable[[object, PersonalExport], None]


EXPORTERS: dict[str, Exporter] = {}

# Foreign keys to the user that hold nothing the person needs in a copy of their data, and why.
EXCLUDED: dict[str, str] = {
    "admin.LogEntry.user": "the Django admin's own change log of what a superuser edited, not data about them",
    "mfa.Authenticator.user": "sign-in secrets (MFA keys and recovery codes): never put in a download",
}
# django-simple-history's copies of every row: the current rows are exported, and "history_user" records
# which account made a change to reference data or another person's record.
HISTORY_MODEL_PREFIX = "Historical"


def register_exporter(name: str, *, title: str, covers: Iterable[str]):
    def decorator(export):
        EXPORTERS[name] = Exporter(name, title, tuple(covers), export)
        return export

    return decorator


def exporters() -> list[Exporter]:
    autodiscover_modules("personal_data")
    return sorted(EXPORTERS.values(), key=lambda exporter: exporter.name)


def user_foreign_keys() -> list[str]:
    """Every "app_label.Model.field" foreign key or one-to-one to the user model, history models aside."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if model.__name__.startswith(HISTORY_MODEL_PREFIX):
            continue
        for model_field in model._meta.get_fields():
            if not (getattr(model_field, "concrete", False) and model_field.is_relation):
                continue
            if (model_field.many_to_one or model_field.one_to_one) and model_field.related_model is user_model:
                found.append(f"{model._meta.label}.{model_field.name}")
    return sorted(found)


def uncovered_user_foreign_keys() -> list[str]:
    covered = {key for exporter in exporters() for key in exporter.covers} | set(EXCLUDED)
    return [key for key in user_foreign_keys() if key not in covered]


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def rows(queryset, fields: Iterable[str]) -> list[dict]:
    """One query: the named fields (``related__field`` lookups allowed) of every row, as plain JSON values."""
    fields = list(fields)
    return [{key: _plain(value) for key, value in row.items()} for row in queryset.values(*fields)]


def transitions_of(model, object_ids: Iterable[int]) -> list[dict]:
    """The workflow history (one transition log) of the given objects of ``model``, oldest first."""
    transitions = apps.get_model("workflow", "Transition").objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id__in=list(object_ids)
    )
    return rows(transitions.order_by("at", "pk"), ["object_id", "from_state", "to_state", "at", "note"])


# The access log's own exporter: who opened the person's data, and whose data they opened as staff.
@register_exporter(
    "privacy", title="Access log", covers=["privacy.AccessLogEntry.subject", "privacy.AccessLogEntry.reader"]
)
def export_access_log(person, out: PersonalExport) -> None:
    entries = apps.get_model("privacy", "AccessLogEntry").objects
    out.table("who_opened_your_data", rows(entries.filter(subject=person), ["at", "reader_label", "what", "path"]))
    out.table(
        "data_you_opened_as_staff",
        rows(entries.filter(reader=person), ["at", "subject__email", "what", "path", "people_in_export"]),
    )
