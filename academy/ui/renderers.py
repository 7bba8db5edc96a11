"""The project's form renderer: Django's, with the widget templates in ``ui/form_templates`` found first."""

from functools import cached_property
from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates


class FormRenderer(DjangoTemplates):
    """Renders widgets as Django does, except that a select writes its options in one template instead of
    including a template per option (the directory's organisation list made that most of a page's cost)."""

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [Path(__file__).parent / "form_templates", Path(django.forms.__file__).parent / "templates"],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
