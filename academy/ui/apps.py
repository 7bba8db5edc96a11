from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "academy.ui"
    label = "ui"

    def ready(self):
        from django import forms

        from academy.ui.forms import ReferenceChoiceIterator

        # Every model choice field (forms' selects, radios and checkboxes of reference data) reads its
        # choices in one plain query: Django's default iterates them with a server-side cursor, three
        # round trips each, which also fails behind PgBouncer in transaction mode.
        forms.ModelChoiceField.iterator = ReferenceChoiceIterator
