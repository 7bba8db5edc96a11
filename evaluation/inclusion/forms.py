from django import forms


class BenchmarkUploadForm(forms.Form):
    file = forms.FileField(
        label="Benchmark file (CSV)",
        help_text="A CSV file with the headings dimension, date, group, share, people: one row per group, with "
        "either its share of the workforce (0 to 100) or its number of people. Start from the template.",
        error_messages={"required": "Choose a CSV file to upload", "empty": "The file is empty. Choose another file"},
    )
    source = forms.CharField(
        label="Where the figures come from",
        max_length=200,
        help_text="For example, NHS Workforce Statistics for south east London, March 2026.",
        error_messages={"required": "Enter where the figures come from"},
    )
