"""The one small-number suppression helper: every aggregate about people goes through it."""

import pytest

from academy.reports.suppression import CellStatus, SuppressedTable, suppress


def test_large_counts_and_zero_are_shown():
    table = suppress({"Yes": 12, "No": 30, "Prefer not to say": 0})
    assert isinstance(table, SuppressedTable)
    assert table.displays() == {"Yes": "12", "No": "30", "Prefer not to say": "0"}
    assert table.total == 42
    assert table.total_display == "42"
    assert not table.any_suppressed


def test_threshold_itself_is_shown():
    table = suppress({"A": 5, "B": 7})
    assert table.displays() == {"A": "5", "B": "7"}
    assert table.total == 12


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_a_small_cell_is_shown_as_fewer_than_5(small):
    table = suppress({"A": small, "B": 20, "C": 30, "D": 40})
    assert table["A"].display == "fewer than 5"
    assert table["A"].value is None
    assert table["A"].status is CellStatus.SMALL


def test_single_small_cell_hides_the_next_smallest_too():
    table = suppress({"A": 3, "B": 20, "C": 9, "D": 40})
    assert table["A"].display == "fewer than 5"
    assert table["C"].status is CellStatus.SECONDARY
    assert table["C"].display == "not shown"
    assert table["C"].value is None
    assert table["B"].display == "20"
    assert table["D"].display == "40"
    # With two cells hidden, the total no longer gives either away.
    assert table.total == 72


def test_secondary_suppression_skips_zero_cells():
    table = suppress({"A": 2, "B": 0, "C": 11, "D": 30})
    assert table["B"].display == "0"
    assert table["C"].status is CellStatus.SECONDARY
    assert table["D"].display == "30"


def test_secondary_suppression_is_deterministic_on_ties():
    table = suppress({"A": 2, "B": 10, "C": 10})
    assert table["B"].status is CellStatus.SECONDARY
    assert table["C"].status is CellStatus.SHOWN


def test_two_small_cells_need_no_secondary_suppression():
    table = suppress({"A": 2, "B": 3, "C": 50})
    assert [cell.status for cell in table] == [CellStatus.SMALL, CellStatus.SMALL, CellStatus.SHOWN]
    assert table.total == 55


def test_zeros_beside_the_only_hidden_cell_are_masked_too():
    # Shown zeros would say everyone counted is in A: with one appointment, that names the appointee's group.
    table = suppress({"A": 3, "B": 0, "C": 0})
    assert table.displays() == {"A": "not shown", "B": "not shown", "C": "not shown"}
    assert all(cell.status is CellStatus.MASKED and cell.value is None for cell in table)
    assert table.total is None  # a small total is never shown
    # The same when the only non-zero cells are a small one and its secondary partner.
    table = suppress({"A": 3, "B": 10, "C": 0})
    assert set(table.displays().values()) == {"not shown"}
    assert table.total == 13


def test_with_the_total_published_elsewhere_more_cells_are_hidden_instead():
    # Three groups of one beside a shown 40: with the total (43) known, each would be exactly 1.
    table = suppress({"A": 1, "B": 1, "C": 1, "D": 40}, total_known=True)
    assert table["D"].status is CellStatus.SECONDARY
    assert table.total == 43
    assert suppress({"A": 1, "B": 1, "C": 1, "D": 40}).displays()["D"] == "40"  # total hidden instead


def test_total_is_hidden_when_it_pins_down_hidden_cells():
    # Two "fewer than 5" cells summing to 2 must both be 1.
    table = suppress({"A": 1, "B": 1, "C": 40})
    assert table.total is None
    # ... and summing to 8 must both be 4.
    assert suppress({"A": 4, "B": 4, "C": 40}).total is None
    # Summing to 5 could be 1+4, 2+3, ...: the total is safe.
    assert suppress({"A": 2, "B": 3, "C": 40}).total == 45


def test_total_is_hidden_when_a_secondary_cell_at_the_threshold_would_give_the_small_one_away():
    # A is 1..4 and B (hidden, not small) is at least 5; together 6, so A=1 and B=5.
    table = suppress({"A": 1, "B": 5, "C": 40})
    assert table["B"].status is CellStatus.SECONDARY
    assert table.total is None


def test_a_small_total_is_never_shown():
    table = suppress({"A": 2, "B": 2})
    assert table.total is None
    assert all(cell.display == "fewer than 5" for cell in table)


def test_all_zero_row():
    table = suppress({"A": 0, "B": 0})
    assert table.displays() == {"A": "0", "B": "0"}
    assert table.total == 0


def test_empty_row():
    table = suppress({})
    assert len(table) == 0
    assert table.total == 0


def test_order_is_kept():
    table = suppress({"Z": 10, "A": 20, "M": 30})
    assert [cell.label for cell in table] == ["Z", "A", "M"]


def test_custom_threshold():
    table = suppress({"A": 9, "B": 10, "C": 100}, threshold=10)
    assert table["A"].display == "fewer than 10"
    assert table["B"].status is CellStatus.SECONDARY
    assert table.threshold == 10


def test_no_hidden_value_survives_in_the_result():
    table = suppress({"A": 3, "B": 17, "C": 40})
    hidden = [cell for cell in table if cell.suppressed]
    assert len(hidden) == 2
    assert all(cell.value is None for cell in hidden)
    assert "3" not in {cell.display for cell in table}
    assert "17" not in {cell.display for cell in table}


@pytest.mark.parametrize("counts", [{"A": -1}, {"A": 2.5}, {"A": True}])
def test_bad_counts_are_refused(counts):
    with pytest.raises((TypeError, ValueError)):
        suppress(counts)


def test_bad_threshold_is_refused():
    with pytest.raises(ValueError):
        suppress({"A": 1}, threshold=0)


def test_unknown_label_lookup():
    with pytest.raises(KeyError):
        suppress({"A": 10})["B"]


def _brute_force_revealed(counts, table, threshold=5):
    """Every assignment of hidden cells consistent with what is shown; a cell is revealed if it has
    only one possible value."""
    import itertools

    hidden = [cell.label for cell in table if cell.suppressed]
    if not hidden or table.total is None:
        return False
    shown_sum = sum(cell.value for cell in table if not cell.suppressed)
    residual = table.total - shown_sum
    ranges = []
    for label in hidden:
        if table[label].status is CellStatus.SMALL:
            ranges.append(range(1, threshold))
        elif table[label].status is CellStatus.MASKED:
            ranges.append(range(0, residual + 1))
        else:
            ranges.append(range(threshold, residual + 1))
    possible = [set() for _ in hidden]
    for combo in itertools.product(*ranges):
        if sum(combo) == residual:
            for index, value in enumerate(combo):
                possible[index].add(value)
    return any(len(values) == 1 for values in possible)


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_cell_can_be_derived_from_what_is_shown(seed):
    import random

    rng = random.Random(seed)
    counts = {f"C{i}": rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 8, 12, 30]) for i in range(rng.randint(1, 5))}
    table = suppress(counts)
    assert all(table[label].suppressed for label, n in counts.items() if 0 < n < 5)
    assert not _brute_force_revealed(counts, table)
    # Zeros are never shown beside hidden cells unless some non-zero cell is shown too.
    if any(cell.suppressed for cell in table) and "0" in table.displays().values():
        assert any(cell.value for cell in table if not cell.suppressed)
    # With the total published anyway, no hidden cell can be worked out from it either (unless the table
    # has one group only, when the total is the group).
    if len(counts) < 2:
        return
    known = suppress(counts, total_known=True)
    assert known.total == (None if 0 < sum(counts.values()) < 5 else sum(counts.values()))
    assert not _brute_force_revealed(counts, _with_total(known, sum(counts.values())))


def _with_total(table, total):
    from dataclasses import replace

    return replace(table, total=total)
