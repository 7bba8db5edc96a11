"""The layout check every browser test runs on every page it visits (``Visit.check``), and the reflow sweep
(``bench/reflow_sweep.py``) runs on demo data.

Two things axe-core does not look at:

- tables that fall apart: a ``<td>``/``<th>`` that no longer renders as a table cell (a class such as
  ``nhsuk-body-s`` sets ``display: block`` and pushes every later value under the wrong heading), or a row
  with more or fewer cells than the header row (counting ``colspan`` and ``rowspan``). Checked at the
  desktop width, where a responsive table is still a table.
- reflow (WCAG 2.2 1.4.10): at 320 CSS pixels wide the page must not scroll sideways. When it does, the
  message names the widest element that reaches past the right edge, so it can be found.
"""

from __future__ import annotations

REFLOW_WIDTH = 320
DESKTOP = {"width": 1280, "height": 900}

_DESCRIBE = r"""
const short = (text, n = 60) => {
  text = (text || "").replace(/\s+/g, " ").trim();
  return text.length > n ? text.slice(0, n - 1) + "…" : text;
};
const describeElement = (el) => {
  let name = el.tagName.toLowerCase();
  if (el.id) name += "#" + el.id;
  const classes = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean);
  if (classes.length) name += "." + classes.join(".");
  const text = short(el.innerText, 50);
  return text ? `${name} ("${text}")` : name;
};
const describeTable = (table) => {
  const all = Array.from(document.querySelectorAll("table"));
  const index = all.indexOf(table) + 1;
  let name = table.caption ? short(table.caption.textContent) : "";
  if (!name && table.getAttribute("aria-label")) name = short(table.getAttribute("aria-label"));
  if (!name && table.getAttribute("aria-labelledby")) {
    const label = document.getElementById(table.getAttribute("aria-labelledby"));
    if (label) name = short(label.textContent);
  }
  return name ? `table ${index} "${name}"` : `table ${index}`;
};
"""

TABLES_JS = (
    "() => {"
    + _DESCRIBE
    + r"""
const problems = [];
const rendered = (el) => el.getClientRects().length > 0;
for (const table of document.querySelectorAll("table")) {
  if (!rendered(table)) continue;
  const tableName = describeTable(table);
  const rows = Array.from(table.rows);
  // Every cell renders as a table cell.
  rows.forEach((row, r) => {
    for (const cell of row.cells) {
      const display = getComputedStyle(cell).display;
      if (display !== "table-cell") {
        problems.push(`${tableName}: row ${r + 1}, cell ${cell.cellIndex + 1} ${describeElement(cell)} ` +
                      `renders as display:${display}, not as a table cell`);
      }
    }
  });
  // Every row spans as many columns as the header row (colspan and rowspan counted).
  const widths = [];
  let carried = [];  // for each column, how many more rows a rowspan from above still covers
  for (const row of rows) {
    const next = carried.map((left) => Math.max(0, left - 1));
    let width = carried.filter((left) => left > 0).length;
    let column = 0;
    for (const cell of row.cells) {
      while ((carried[column] || 0) > 0) column++;
      const span = Math.max(1, cell.colSpan || 1);
      for (let k = 0; k < span; k++) next[column + k] = Math.max(0, (cell.rowSpan || 1) - 1);
      column += span;
      width += span;
    }
    widths.push(width);
    carried = Array.from(next, (left) => left || 0);
  }
  const head = table.tHead && table.tHead.rows.length ? table.tHead.rows[table.tHead.rows.length - 1] : rows[0];
  if (!head) continue;
  const expected = widths[rows.indexOf(head)];
  rows.forEach((row, r) => {
    if (row.parentElement === table.tHead) return;
    if (widths[r] !== expected) {
      problems.push(`${tableName}: row ${r + 1} ${describeElement(row)} has ${widths[r]} cells, ` +
                    `the header row has ${expected}`);
    }
  });
}
return problems;
}"""
)

OVERFLOW_JS = (
    "(limit) => {"
    + _DESCRIBE
    + r"""
const scrollWidth = document.documentElement.scrollWidth;
if (scrollWidth <= limit) return {scrollWidth, culprits: []};
const clipped = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const overflowX = getComputedStyle(p).overflowX;
    if (overflowX !== "visible") return true;
  }
  return false;
};
const candidates = [];
for (const el of document.body.querySelectorAll("*")) {
  const box = el.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) continue;
  if (box.right + window.scrollX <= limit + 0.5) continue;
  if (clipped(el)) continue;
  candidates.push({el, width: box.width, right: box.right + window.scrollX});
}
// Text that does not wrap (a long email address or web address) sticks out of its element's box.
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const range = document.createRange();
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.textContent.trim() || !node.parentElement || clipped(node)) continue;
  range.selectNodeContents(node);
  const box = range.getBoundingClientRect();
  if (box.width === 0 || box.right + window.scrollX <= limit + 0.5) continue;
  candidates.push({el: node.parentElement, width: box.width, right: box.right + window.scrollX, text: true});
}
candidates.sort((a, b) => b.width - a.width || b.right - a.right);
const culprits = candidates.slice(0, 3).map(({el, width, right, text}) => {
  const table = el.closest("table");
  const where = table && table !== el ? ` in ${describeTable(table)}` : "";
  const what = text ? `text in ${describeElement(el)}` : describeElement(el);
  return `${what}${where} is ${Math.round(width)}px wide and ends at ${Math.round(right)}px`;
});
return {scrollWidth, culprits};
}"""
)


# The NHS.UK header moves navigation items into its "More" menu in an animation frame after a resize.
SETTLE_JS = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def resize(page, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.evaluate(SETTLE_JS)


def table_problems(page) -> list[str]:
    """What is wrong with the page's tables, at the current (desktop) width."""
    return page.evaluate(TABLES_JS)


def overflow_at(page, width: int = REFLOW_WIDTH, screenshot: str | None = None) -> dict:
    """Narrow the viewport to ``width``, measure whether the page scrolls sideways (and what sticks out),
    optionally screenshot it, and put the desktop viewport back."""
    resize(page, {"width": width, "height": DESKTOP["height"]})
    try:
        result = page.evaluate(OVERFLOW_JS, width)
        if screenshot:
            page.screenshot(path=screenshot, full_page=True)
    finally:
        resize(page, DESKTOP)
    return result


def layout_problems(page, label: str, screenshot_320: str | None = None) -> list[str]:
    """Every layout problem on the page, each message naming the page and what is wrong."""
    where = f"{label} ({page.url})"
    problems = [f"{where}: {problem}" for problem in table_problems(page)]
    overflow = overflow_at(page, screenshot=screenshot_320)
    if overflow["scrollWidth"] > REFLOW_WIDTH:
        culprits = "; ".join(overflow["culprits"]) or "no single element found"
        problems.append(
            f"{where}: at {REFLOW_WIDTH}px wide the page scrolls sideways (scrollWidth "
            f"{overflow['scrollWidth']}px): {culprits}"
        )
    return problems
