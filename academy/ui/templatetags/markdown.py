"""``{{ post.body|markdown }}``: what a person typed, as sanitised HTML (see academy.ui.markdown)."""

from django import template

from academy.ui.markdown import render

register = template.Library()
register.filter("markdown", render)
