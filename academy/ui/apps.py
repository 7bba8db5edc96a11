from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "academy.ui"
    label = "ui"

    def ready(self):
        from django import forms  # noqa: PLC0415 - set up once the app registry is ready, as Django asks

        from academy.ui.forms import ReferenceChoiceIterator  # noqa: PLC0415 - it imports models

        # Every model choice field (forms' selects, radios and checkboxes of reference data) reads its
        # choices in one plain query: Django's default iterates them with a server-side cursor, three
        # round trips each, which also fails behind PgBouncer in transaction mode.
        forms.ModelChoiceField.iterator = ReferenceChoiceIterator
