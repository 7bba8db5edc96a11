"""The NHS.UK responsive table, without repeating its markup in every template. Built in to every template.

A table whose cells need links or tags is written in its template with two tags:

    <table class="nhsuk-table-responsive">
      <caption class="nhsuk-table__caption">Seats</caption>
      {% thead "Seat" "Held by" "Cost" numeric="Cost" hidden="Actions" %}
      <tbody class="nhsuk-table__body">
        <tr class="nhsuk-table__row">
          {% cell "Seat" %}{{ seat.title }}{% endcell %}
          {% cell "Cost" numeric=True %}{{ seat.cost|money }}{% endcell %}
        </tr>
      </tbody>
    </table>

``cell`` adds the heading that the responsive table shows beside each value on a narrow screen (hidden from
screen readers, which read the real header), and keeps the value in one box: on a narrow screen the cell is a
flex row, and loose text, links and tags would otherwise each become a column of their own and run off the
screen. A table of plain values built by a presenter uses the include
``ui/includes/table.html`` with a :class:`academy.ui.tables.Table`.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


def _names(value: str) -> set[str]:
    return {name.strip() for name in value.split(",") if name.strip()}


@register.simple_tag
def thead(*headings, numeric: str = "", hidden: str = ""):
    """The table's head: one ``<th scope="col">`` a heading; ``numeric`` names right-aligned columns
    (comma-separated) and ``hidden`` adds a last column whose heading only screen readers hear (actions)."""
    numbers = _names(numeric)
    cells = format_html_join(
        "",
        '<th class="nhsuk-table__header{}" scope="col">{}</th>',
        ((" nhsuk-table__header--numeric" if heading in numbers else "", heading) for heading in headings),
    )
    if hidden:
        cells = format_html(
            '{}<th class="nhsuk-table__header" scope="col"><span class="nhsuk-u-visually-hidden">{}</span></th>',
            cells, hidden,
        )
    return format_html('<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">{}</tr></thead>', cells)


class CellNode(template.Node):
    def __init__(self, heading, numeric, nodelist):
        self.heading, self.numeric, self.nodelist = heading, numeric, nodelist

    def render(self, context):
        numeric = self.numeric.resolve(context) if self.numeric is not None else False
        return format_html(
            '<td class="nhsuk-table__cell{}"><span class="nhsuk-table-responsive__heading" aria-hidden="true">{} '
            '</span><div class="academy-cell-value">{}</div></td>',
            " nhsuk-table__cell--numeric" if numeric else "",
            self.heading.resolve(context),
            self.nodelist.render(context),  # already rendered (and escaped) by the template engine
        )


@register.tag
def cell(parser, token):
    """``{% cell "Heading" [numeric=True] %}...{% endcell %}``: one responsive table cell."""
    bits = token.split_contents()
    if len(bits) not in (2, 3):
        raise template.TemplateSyntaxError('Use {% cell "Heading" %} or {% cell "Heading" numeric=True %}.')
    numeric = None
    if len(bits) == 3:
        name, _, value = bits[2].partition("=")
        if name != "numeric":
            raise template.TemplateSyntaxError("cell takes only numeric=...")
        numeric = parser.compile_filter(value)
    nodelist = parser.parse(("endcell",))
    parser.delete_first_token()
    return CellNode(parser.compile_filter(bits[1]), numeric, nodelist)
