"""The triad arithmetic against values worked out by hand (no database)."""

import math

import pytest

from evaluation.stories import geometry


def test_geometric_mean_of_two_points_matches_the_hand_computed_value():
    # sqrt(.5 * .25) = 0.353553 for a and b, sqrt(.25 * .25) = .25 for c; closed: / 0.957107.
    a, b, c = geometry.geometric_mean([(0.5, 0.25, 0.25), (0.25, 0.5, 0.25)])
    assert a == pytest.approx(0.369398, abs=1e-6)
    assert b == pytest.approx(0.369398, abs=1e-6)
    assert c == pytest.approx(0.261204, abs=1e-6)


def test_geometric_mean_of_one_point_is_the_point_and_of_none_is_none():
    assert geometry.geometric_mean([(0.2, 0.3, 0.5)]) == pytest.approx((0.2, 0.3, 0.5))
    assert geometry.geometric_mean([]) is None


def test_geometric_mean_replaces_a_zero_share_before_taking_logarithms():
    # (1, 0, 0) becomes (1, .005, .005) closed by 1.01; the mean of it with (0, 1, 0) by hand:
    one = (1 / 1.01, 0.005 / 1.01, 0.005 / 1.01)
    two = (0.005 / 1.01, 1 / 1.01, 0.005 / 1.01)
    raw = [math.sqrt(x * y) for x, y in zip(one, two, strict=True)]
    expected = tuple(value / sum(raw) for value in raw)
    assert geometry.geometric_mean([(1, 0, 0), (0, 1, 0)]) == pytest.approx(expected)
    assert sum(geometry.geometric_mean([(1, 0, 0), (0, 1, 0)])) == pytest.approx(1)


@pytest.mark.parametrize(("point", "region"), [
    ((0.6, 0.2, 0.2), "a"), ((0.1, 0.5, 0.4), "b"), ((0, 0, 1), "c"), ((0.4, 0.3, 0.3), "balanced"),
    ((0.34, 0.33, 0.33), "balanced"),
])
def test_region(point, region):
    assert geometry.region(point) == region


def test_density_bins_tile_the_triangle_and_count_every_point_once():
    points = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (1 / 3, 1 / 3, 1 / 3), (0.5, 0.5, 0), (0.05, 0.05, 0.9),
              (0.21, 0.19, 0.6), (0.0, 0.5, 0.5)]
    bins = geometry.density(points, steps=5)
    assert len(bins) == 25
    assert sum(count for _, count in bins) == len(points)


def test_the_svg_escapes_labels_and_title():
    svg = geometry.ternary_svg(("<b>A</b>", "B", "C"), [(0.5, 0.25, 0.25)], (0.5, 0.25, 0.25),
                               title="<script>x</script>", description="d & e")
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "d &amp; e" in svg
    assert svg.count("<circle") == 1
