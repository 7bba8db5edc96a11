"""Template helpers for the crispy-forms ``nhsuk`` template pack and the NHS.UK page furniture.

The pack's templates (``academy/ui/templates/nhsuk/``) call :func:`nhsuk_field` once per field. It
works out, in one place, what the NHS.UK design system asks for:

- which component a widget becomes (input, textarea, select, radios, checkboxes, single checkbox,
  file upload, or a fallback for multi-widgets),
- the ids of the hint (``<id>-hint``) and error message (``<id>-error``) and the ``aria-describedby``
  that joins them,
- the widget rendered with the component's classes (``nhsuk-input``, ``--error`` modifiers, width
  classes), merged with any classes the form itself set, without changing the form's widgets.
"""

from __future__ import annotations

import copy

from django import forms, template
from django.forms.boundfield import BoundField

register = template.Library()

# Text-like widgets and the NHS.UK component class each one gets.
_INPUT_WIDGETS = (
    forms.TextInput,
    forms.EmailInput,
    forms.PasswordInput,
    forms.NumberInput,
    forms.URLInput,
    forms.DateInput,
    forms.DateTimeInput,
    forms.TimeInput,
)


def widget_kind(field: BoundField) -> str:
    """The NHS.UK component a bound field is rendered as."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.ClearableFileInput):
        return "clearable_file"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.Select):  # also SelectMultiple, NullBooleanSelect
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    if isinstance(widget, (*_INPUT_WIDGETS, forms.widgets.Input)):
        return "input"
    return "other"


def field_id(field: BoundField) -> str:
    """The id Django gives the field's input (``id_<name>``, with the form prefix if any)."""
    return field.field.widget.attrs.get("id") or field.auto_id or field.html_name


@register.filter
def error_anchor(field: BoundField) -> str:
    """The id an error summary link points at: the input, or the first option of radios/checkboxes."""
    kind = widget_kind(field)
    base = field_id(field)
    if kind in {"radios", "checkboxes", "multi"}:
        return f"{base}_0"
    return base


def _width_class(field: BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.NumberInput):
        return "nhsuk-input--width-5"
    if isinstance(widget, (forms.DateInput, forms.TimeInput)):
        return "nhsuk-input--width-10"
    if isinstance(widget, (forms.EmailInput, forms.PasswordInput, forms.URLInput, forms.DateTimeInput)):
        return "nhsuk-u-width-two-thirds"
    if widget.attrs.get("autocomplete") == "one-time-code":
        return "nhsuk-input--width-10"
    max_length = getattr(field.field, "max_length", None)
    if max_length:
        for limit in (2, 3, 4, 5, 10, 20, 30):
            if max_length <= limit:
                return f"nhsuk-input--width-{limit}"
    return ""


def _merge_classes(*parts: str) -> str:
    seen: list[str] = []
    for part in parts:
        for name in (part or "").split():
            if name not in seen:
                seen.append(name)
    return " ".join(seen)


def _component_class(kind: str, field: BoundField, has_error: bool) -> str:
    if kind == "input":
        own = field.field.widget.attrs.get("class", "")
        width = "" if ("width" in own) else _width_class(field)
        return _merge_classes("nhsuk-input", width, "nhsuk-input--error" if has_error else "")
    if kind == "textarea":
        return _merge_classes("nhsuk-textarea", "nhsuk-textarea--error" if has_error else "")
    if kind == "select":
        return _merge_classes("nhsuk-select", "nhsuk-select--error" if has_error else "")
    if kind in {"file", "clearable_file"}:
        return _merge_classes("nhsuk-file-upload__input", "nhsuk-input--error" if has_error else "")
    if kind == "checkbox":
        return "nhsuk-checkboxes__input"
    if kind == "multi":
        return _merge_classes("nhsuk-input", "nhsuk-input--error" if has_error else "")
    return ""


@register.simple_tag
def nhsuk_field(field: BoundField, show_errors=True, drop_placeholder=False) -> dict:
    """Everything the pack's ``field.html`` needs to render one field the NHS.UK way."""
    kind = widget_kind(field)
    base_id = field_id(field)
    has_error = bool(show_errors and field.errors)
    hint_id = f"{base_id}-hint" if field.help_text else ""
    error_id = f"{base_id}-error" if has_error else ""
    describedby = " ".join(
        part for part in (field.field.widget.attrs.get("aria-describedby", ""), hint_id, error_id) if part
    )

    info = {
        "kind": kind,
        "id": base_id,
        "anchor": error_anchor(field),
        "hint_id": hint_id,
        "error_id": error_id,
        "describedby": describedby,
        "has_error": has_error,
        # A field may opt out of "(optional)": a draft saved part-done, whose answers are needed later.
        "optional": (
            not field.field.required and kind != "checkbox" and not getattr(field.field, "hide_optional", False)
        ),
        "options": [],
        "widget": "",
    }

    if kind in {"radios", "checkboxes"}:
        # Each option rendered by the template from the BoundWidget's data: NHS.UK needs the input
        # and its label as siblings inside an item, which Django's option templates do not give.
        info["options"] = [
            {
                "id": option.data["attrs"].get("id") or f"{base_id}_{index}",
                "name": option.data["name"],
                "value": option.data["value"],
                "label": option.data["label"],
                "checked": option.data["selected"],
            }
            for index, option in enumerate(field.subwidgets)
        ]
        return info

    if kind == "hidden":
        info["widget"] = field.as_widget()
        return info

    attrs: dict = {}
    component = _component_class(kind, field, has_error)
    if component:
        attrs["class"] = _merge_classes(component, field.field.widget.attrs.get("class", ""))
    if describedby:
        attrs["aria-describedby"] = describedby
    if has_error and kind != "checkbox":
        attrs["aria-invalid"] = "true"
    if kind == "input" and isinstance(field.field.widget, forms.NumberInput):
        attrs.setdefault("inputmode", "numeric")
    widget = field.field.widget
    if drop_placeholder and "placeholder" in widget.attrs:
        # NHS.UK asks for labels and hints, not placeholder text. Render from a copy so the form's
        # own widget is left as it was.
        widget = copy.copy(widget)
        widget.attrs = {key: value for key, value in widget.attrs.items() if key != "placeholder"}
    if kind == "clearable_file":
        # Render the bare file input; the template shows the current file and the "remove" box.
        info["widget"] = forms.FileInput(attrs=widget.attrs).render(
            field.html_name, None, attrs={"id": base_id, **attrs}
        )
        value = field.value()
        info["current_file"] = value if (value and getattr(value, "url", None) is not None) else None
        info["clear_name"] = widget.clear_checkbox_name(field.html_name)
        info["clear_id"] = widget.clear_checkbox_id(info["clear_name"])
        info["can_clear"] = not field.field.required
        return info
    info["widget"] = field.as_widget(widget=widget, attrs=attrs)
    return info


@register.filter
def button_classes(field_classes: str) -> str:
    """Crispy's ``Submit`` carries Bootstrap's ``btn`` classes by default: keep only the project's own."""
    return " ".join(name for name in (field_classes or "").split() if not name.startswith("btn"))


@register.filter
def has_tag(tags, name: str) -> bool:
    """For allauth's element templates: is ``name`` one of the element's ``tags``?"""
    return bool(tags) and name in tags


@register.filter(is_safe=True)
def squash(value: str) -> str:
    """Collapse runs of whitespace (allauth's titles come with their template's indentation)."""
    return " ".join(str(value).split())


_DJANGO_REQUIRED = "This field is required."


@register.filter
def error_text(error, field: BoundField) -> str:
    """Django's generic "This field is required." said the NHS.UK way: "Enter your first name".

    Forms that set their own ``required`` message keep it; the same words appear in the error
    summary and beside the field.
    """
    message = str(error)
    if message != _DJANGO_REQUIRED:
        return message
    label = str(field.label or field.name)
    if len(label) > 1 and not label[1].isupper():
        label = label[0].lower() + label[1:]
    kind = widget_kind(field)
    if kind == "checkbox":
        return "Select this box to continue"
    if kind in {"radios", "checkboxes", "select"}:
        return f"Select {label}"
    if kind in {"file", "clearable_file"}:
        return f"Choose a file for {label}"
    return f"Enter {label}"


@register.inclusion_tag("ui/pagination.html", takes_context=True)
def pagination(context, page_obj):
    """NHS.UK numbered pagination for a Django ``Page``, keeping the other query parameters."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page_obj,
        "page_numbers": list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)),
        "query_string": query.urlencode(),
    }


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """Whether any form or formset the page shows was submitted with errors: the base layout then starts
    the page's title with "Error: " (NHS.UK error pattern), whatever the form is called in the context."""
    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return True
        if isinstance(value, forms.BaseFormSet) and value.is_bound and value.total_error_count():
            return True
    return False
