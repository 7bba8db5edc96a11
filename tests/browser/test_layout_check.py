"""The layout check that ``Visit.check`` runs on every page fails on pages that are broken, and names what is
wrong: a cell that is not a table cell, a row short of cells, and a page that scrolls sideways at 320 px."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><title>Layout check</title>
<link rel="stylesheet" href="/static/vendor/nhsuk-frontend-10.6.1/css/nhsuk-frontend.min.css"></head>
<body><div class="nhsuk-width-container"><main class="nhsuk-main-wrapper"><h1>Layout check</h1>{body}</main></div>
</body></html>"""

TABLE = """<table class="nhsuk-table"><caption class="nhsuk-table__caption">Applications</caption>
<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
<th class="nhsuk-table__header" scope="col">Applicant</th><th class="nhsuk-table__header" scope="col">Problem</th>
<th class="nhsuk-table__header" scope="col">Status</th></tr></thead>
<tbody class="nhsuk-table__body">{rows}</tbody></table>"""

GOOD_ROWS = """<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">Ada</td>
<td class="nhsuk-table__cell">Falls</td><td class="nhsuk-table__cell">Offered</td></tr>
<tr class="nhsuk-table__row"><td class="nhsuk-table__cell" colspan="3">Nobody else</td></tr>"""


def show(visit, body):
    visit.go("/privacy/")  # any page of the live server, so the stylesheet loads from the same origin
    visit.page.set_content(PAGE.format(body=body), wait_until="load")


def test_a_sound_page_passes(visit):
    show(visit, TABLE.format(rows=GOOD_ROWS) + "<p>Short words wrap.</p>")
    visit.check("sound")


def test_a_cell_that_is_not_a_table_cell_fails(visit):
    rows = GOOD_ROWS.replace('<td class="nhsuk-table__cell">Falls', '<td class="nhsuk-table__cell nhsuk-body-s" '
                             'style="display:block">Falls')
    show(visit, TABLE.format(rows=rows))
    with pytest.raises(AssertionError) as failure:
        visit.check("cell-not-a-cell")
    message = str(failure.value)
    assert "cell-not-a-cell" in message
    assert 'table 1 "Applications": row 2, cell 2 td.nhsuk-table__cell.nhsuk-body-s ("Falls")' in message
    assert "display:block" in message


def test_a_row_short_of_cells_fails(visit):
    rows = GOOD_ROWS.replace('colspan="3"', 'colspan="2"')
    show(visit, TABLE.format(rows=rows))
    with pytest.raises(AssertionError) as failure:
        visit.check("short-row")
    assert 'table 1 "Applications": row 3 tr.nhsuk-table__row ("Nobody else") has 2 cells, the header row has 3' in (
        str(failure.value)
    )


def test_a_rowspan_counts_in_the_rows_below(visit):
    rows = """<tr class="nhsuk-table__row"><td class="nhsuk-table__cell" rowspan="2">Ada</td>
<td class="nhsuk-table__cell">Falls</td><td class="nhsuk-table__cell">Offered</td></tr>
<tr class="nhsuk-table__row"><td class="nhsuk-table__cell">Frailty</td>
<td class="nhsuk-table__cell">Offered</td></tr>"""
    show(visit, TABLE.format(rows=rows))
    visit.check("rowspan")


def test_a_page_that_scrolls_sideways_at_320_fails_naming_the_element(visit):
    show(visit, '<p id="address">Write to averyveryveryverylongemailaddress.nobreaks@example.nhs.uk today.</p>')
    with pytest.raises(AssertionError) as failure:
        visit.check("sideways")
    message = str(failure.value)
    assert "at 320px wide the page scrolls sideways" in message
    assert "p#address" in message
    # The page is back at the desktop width afterwards.
    assert visit.page.viewport_size["width"] == 1280


def test_a_wide_table_in_a_scrolling_region_passes(visit):
    wide = "".join(f'<th class="nhsuk-table__header" scope="col">Quarter {n}</th>' for n in range(12))
    show(visit, '<div class="academy-table-scroll" tabindex="0" role="region" aria-label="Figures">'
                f'<table class="nhsuk-table"><thead><tr>{wide}</tr></thead></table></div>'
                '<link rel="stylesheet" href="/static/css/academy.css">')
    visit.check("scrolling-region")
