"""The crispy-forms "nhsuk" template pack renders NHS.UK markup for every widget type."""

from __future__ import annotations

import re

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.template import Context, Template

pytestmark = pytest.mark.django_db

BOROUGHS = [("bexley", "Bexley"), ("bromley", "Bromley"), ("greenwich", "Greenwich")]


class EveryWidgetForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=100, help_text="As it appears on your badge.")
    email = forms.EmailField(label="Email address")
    password = forms.CharField(label="Password", widget=forms.PasswordInput)
    years = forms.IntegerField(label="Years in post", required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    started = forms.DateField(label="Start date", required=False)
    about = forms.CharField(label="About you", widget=forms.Textarea, required=False)
    profession = forms.ChoiceField(
        label="Profession", choices=[("", "Choose"), ("nursing", "Nursing"), ("pharmacy", "Pharmacy")]
    )
    borough = forms.ChoiceField(
        label="Borough", choices=BOROUGHS, widget=forms.RadioSelect, help_text="Where you mostly work."
    )
    interests = forms.MultipleChoiceField(
        label="Interests", choices=BOROUGHS, widget=forms.CheckboxSelectMultiple, required=False
    )
    consent = forms.BooleanField(
        label="I agree to be contacted", help_text="We will only email you about the Academy."
    )
    cv = forms.FileField(label="Your CV", required=False)
    photo = forms.FileField(label="Photo", required=False, widget=forms.FileInput)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def render_filter(form) -> str:
    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def tag_for(html: str, element_id: str) -> str:
    """The opening tag of the element with this id."""
    match = re.search(rf'<[a-z]+[^>]*\bid="{re.escape(element_id)}"[^>]*>', html)
    assert match, f"no element with id {element_id}"
    return match.group(0)


def test_text_like_inputs_get_nhsuk_input_classes_and_widths():
    html = render_filter(EveryWidgetForm())
    assert 'class="nhsuk-input"' in tag_for(html, "id_name") or "nhsuk-input " in tag_for(html, "id_name")
    assert "nhsuk-input" in tag_for(html, "id_email")
    assert 'type="email"' in tag_for(html, "id_email")
    assert 'type="password"' in tag_for(html, "id_password")
    years = tag_for(html, "id_years")
    assert "nhsuk-input--width-5" in years and 'type="number"' in years and 'inputmode="numeric"' in years
    assert 'type="url"' in tag_for(html, "id_website")
    assert "nhsuk-input--width-10" in tag_for(html, "id_started")
    assert '<label class="nhsuk-label" for="id_name">Full name</label>' in html


def test_textarea_select_and_file_inputs():
    html = render_filter(EveryWidgetForm())
    assert "nhsuk-textarea" in tag_for(html, "id_about")
    assert tag_for(html, "id_profession").startswith("<select") and "nhsuk-select" in tag_for(
        html, "id_profession"
    )
    cv = tag_for(html, "id_cv")
    assert 'type="file"' in cv and "nhsuk-file-upload__input" in cv
    assert "nhsuk-file-upload__input" in tag_for(html, "id_photo")
    assert 'type="hidden"' in tag_for(html, "id_secret")


def test_radios_are_a_fieldset_with_legend_hint_and_items():
    html = render_filter(EveryWidgetForm())
    assert '<fieldset class="nhsuk-fieldset" aria-describedby="id_borough-hint">' in html
    assert '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Borough</legend>' in html
    assert '<div class="nhsuk-hint" id="id_borough-hint">Where you mostly work.</div>' in html
    assert '<div class="nhsuk-radios" data-module="nhsuk-radios">' in html
    radio = tag_for(html, "id_borough_0")
    assert 'class="nhsuk-radios__input"' in radio and 'type="radio"' in radio and 'value="bexley"' in radio
    assert '<label class="nhsuk-label nhsuk-radios__label" for="id_borough_2">Greenwich</label>' in html


def test_checkboxes_are_a_fieldset_and_optional_fields_say_so():
    html = render_filter(EveryWidgetForm())
    assert '<div class="nhsuk-checkboxes" data-module="nhsuk-checkboxes">' in html
    assert 'class="nhsuk-checkboxes__input"' in tag_for(html, "id_interests_1")
    assert ">Interests (optional)</legend>" in html
    assert ">Years in post (optional)</label>" in html
    assert "*" not in re.sub(r"<[^>]+>", "", html)  # no asterisks for required fields


def test_single_checkbox_has_hint_beside_it():
    html = render_filter(EveryWidgetForm())
    box = tag_for(html, "id_consent")
    assert 'type="checkbox"' in box and "nhsuk-checkboxes__input" in box
    assert 'aria-describedby="id_consent-hint"' in box
    assert (
        '<label class="nhsuk-label nhsuk-checkboxes__label" for="id_consent">I agree to be contacted</label>'
        in html
    )
    assert 'class="nhsuk-hint nhsuk-checkboxes__hint" id="id_consent-hint"' in html


def test_hint_is_linked_to_the_input():
    html = render_filter(EveryWidgetForm())
    assert '<div class="nhsuk-hint" id="id_name-hint">As it appears on your badge.</div>' in html
    assert 'aria-describedby="id_name-hint"' in tag_for(html, "id_name")


def test_errors_sit_beside_the_field_with_ids_and_aria():
    form = EveryWidgetForm(data={"name": "", "email": "not an email", "years": "many"})
    assert not form.is_valid()
    html = render_filter(form)
    # The text input: group, message with a visually hidden prefix, --error class, describedby hint + error.
    assert 'class="nhsuk-form-group nhsuk-form-group--error" id="id_name-group"' in html
    assert (
        '<span class="nhsuk-error-message" id="id_name-error">'
        '<span class="nhsuk-u-visually-hidden">Error:</span> '
        "Enter full name</span>"
    ) in html
    name = tag_for(html, "id_name")
    assert "nhsuk-input--error" in name
    assert 'aria-describedby="id_name-hint id_name-error"' in name
    assert "Enter a valid email address." in html and 'aria-describedby="id_email-error"' in tag_for(
        html, "id_email"
    )
    assert "nhsuk-input--error" in tag_for(html, "id_years")
    # Radios: the fieldset carries both ids, and the message says what to do.
    assert '<fieldset class="nhsuk-fieldset" aria-describedby="id_borough-hint id_borough-error">' in html
    assert "Select borough" in html
    assert "nhsuk-select--error" in tag_for(html, "id_profession")
    assert "Select this box to continue" in html


def test_the_form_itself_is_left_unchanged():
    form = EveryWidgetForm()
    render_filter(form)
    assert "class" not in form.fields["name"].widget.attrs
    assert form.fields["name"].widget.attrs == {"maxlength": "100"}


def test_non_field_errors_are_shown():
    class PairForm(forms.Form):
        a = forms.CharField(label="A")

        def clean(self):
            raise forms.ValidationError("These answers do not go together.")

    form = PairForm(data={"a": "x"})
    form.is_valid()
    html = render_filter(form)
    assert "nhsuk-error-message" in html and "These answers do not go together." in html


def test_crispy_tag_with_layout_objects():
    class LayoutForm(forms.Form):
        first_name = forms.CharField(label="First name")
        last_name = forms.CharField(label="Last name")

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.helper = FormHelper()
            self.helper.layout = Layout(
                Fieldset("Your name", "first_name", Div("last_name", css_class="academy-box")),
                HTML("<p class='nhsuk-body'>We use your name on certificates.</p>"),
                Submit("save", "Save and continue"),
            )

    html = Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": LayoutForm()}))
    assert "<form" in html and 'method="post"' in html and "novalidate" in html
    assert '<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">Your name</legend>' in html
    assert '<div class="academy-box">' in html
    assert "We use your name on certificates." in html
    button = re.search(r"<button[^>]*>Save and continue</button>", html).group(0)
    assert 'class="nhsuk-button"' in button and 'type="submit"' in button and "btn" not in button


def test_radio_and_checkbox_options_show_their_own_hints():
    from django import forms
    from django.template import Context, Template

    from academy.ui.forms import HintedLabel

    class HintForm(forms.Form):
        group = forms.ChoiceField(
            widget=forms.RadioSelect, choices=[("a", HintedLabel("Frontline", "Service delivery experience"))]
        )
        picks = forms.MultipleChoiceField(
            widget=forms.CheckboxSelectMultiple, choices=[("x", HintedLabel("Care standards", "Benchmarking"))]
        )

    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": HintForm()}))
    assert 'aria-describedby="id_group_0-item-hint"' in html
    radio_hint = (
        '<div class="nhsuk-hint nhsuk-radios__hint" id="id_group_0-item-hint">Service delivery experience</div>'
    )
    assert radio_hint in html
    assert '<div class="nhsuk-hint nhsuk-checkboxes__hint" id="id_picks_0-item-hint">Benchmarking</div>' in html


def test_a_select_writes_its_options_without_a_template_per_option():
    """Django's select includes a template per option (and another for its attributes): a long list such as
    the organisations cost thousands of renders a page. The project's renderer writes them in one loop,
    with the same markup."""
    from django.test.signals import template_rendered

    class GroupedForm(forms.Form):
        place = forms.ChoiceField(
            label="Place", initial="bromley",
            choices=[("", "Choose"), ("Boroughs", BOROUGHS), ("other", 'Elsewhere & "beyond"')],
        )
        many = forms.MultipleChoiceField(label="Many", choices=BOROUGHS, initial=["bexley", "greenwich"])

    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        html = str(GroupedForm()["place"]) + str(GroupedForm()["many"])
    finally:
        template_rendered.disconnect(record)
    assert "django/forms/widgets/select_option.html" not in rendered
    assert '<optgroup label="Boroughs">' in html
    assert '<option value="bromley" selected>Bromley</option>' in html
    assert '<option value="other">Elsewhere &amp; &quot;beyond&quot;</option>' in html
    assert '<select name="many" required id="id_many" multiple>' in html
    assert '<option value="bexley" selected>Bexley</option>' in html and '<option value="bromley">' in html


def test_model_choices_are_read_without_a_server_side_cursor():
    """A select of reference data is one plain query: no DECLARE ... CURSOR WITH HOLD (three round trips,
    and it fails behind PgBouncer in transaction mode)."""
    from unittest import mock

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from academy.directory.models import PriorityFunction

    class FunctionForm(forms.Form):
        function = forms.ModelChoiceField(queryset=PriorityFunction.objects.order_by("number"))
        functions = forms.ModelMultipleChoiceField(queryset=PriorityFunction.objects.order_by("number"))

    refuse = mock.patch.object(connection, "chunked_cursor", side_effect=AssertionError("server-side cursor"))
    with refuse, CaptureQueriesContext(connection) as queries:
        html = str(FunctionForm()["function"]) + str(FunctionForm()["functions"])
    assert len(queries) == 2 and html.count("<option") == 2 * PriorityFunction.objects.count() + 1


def test_a_transaction_pooler_turns_server_side_cursors_off():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import django; django.setup(); from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d.get('DISABLE_SERVER_SIDE_CURSORS', False), d['CONN_MAX_AGE'])"
    )
    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "academy.settings"}
    plain = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    pooled = subprocess.run([sys.executable, "-c", code], cwd=root, env={**env, "ACADEMY_DB_POOLER": "transaction"},
                            capture_output=True, text=True)
    assert plain.stdout.split() == ["False", "60"], plain.stderr
    assert pooled.stdout.split() == ["True", "0"], pooled.stderr
