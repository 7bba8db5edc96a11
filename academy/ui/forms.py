"""Form helpers for the nhsuk template pack."""

from django.forms.models import ModelChoiceIterator


class HintedLabel(str):
    """A choice label that carries a hint: the nhsuk pack shows it under that radio or checkbox option.

    Return one from ``label_from_instance`` (or use it in ``choices``): ``HintedLabel(name, hint)``.
    """

    hint: str = ""

    def __new__(cls, label: str, hint: str = ""):
        obj = super().__new__(cls, label)
        obj.hint = hint
        return obj


class ReferenceChoiceIterator(ModelChoiceIterator):
    """Choices of a model choice field read with one plain query (``academy.ui`` installs it on every
    ``ModelChoiceField``). Django's own iterator calls ``QuerySet.iterator()``, which on PostgreSQL opens
    a server-side cursor (``DECLARE ... CURSOR WITH HOLD``, a fetch, a close: three round trips) for lists
    of a few dozen rows, and breaks behind a pooler in transaction mode."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)
