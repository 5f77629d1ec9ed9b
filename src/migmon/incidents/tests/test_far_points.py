"""The far-point check on Natural Earth's real outlines (npm world-atlas, 1:50m) and IOM's real points."""

from __future__ import annotations

import pytest
from django.conf import settings

from migmon.incidents.far_points import FAR_KM, CountryShapes, great_circle_km, natural_earth

LIBYA, USA, MALTA, SENEGAL, SOMALIA = "434", "840", "470", "686", "706"


@pytest.fixture(scope="module")
def shapes() -> CountryShapes:
    return natural_earth(settings.NODE_MODULES_DIR)


def test_2020_mmp00507_libya_shipwreck_plotted_in_arizona_is_far(shapes):
    """IOM's allData row: country of incident Libya, coordinates 31.59165, -111.79165 (Pima County, Arizona)."""
    distance = shapes.distance_km(LIBYA, 31.59165, -111.79165)
    assert distance is not None and 10_000 < distance < 11_500 and distance > FAR_KM
    assert shapes.distance_km(USA, 31.59165, -111.79165) == 0.0  # the point is where its other row says


def test_points_inside_or_just_off_their_country_are_not_far(shapes):
    assert shapes.distance_km(USA, 31.650259, -110.366453) == 0.0  # 2014.MMP00001, Pima County
    assert shapes.distance_km(LIBYA, 32.8872, 13.1913) == 0.0  # Tripoli
    # 2015.MMP00095 "Off the coast of Libya" (34.2345, 14.7437): at sea, about 180 km out — not far.
    off_libya = shapes.distance_km(LIBYA, 34.2345, 14.7437)
    assert off_libya is not None and 100 < off_libya < FAR_KM
    assert shapes.distance_km(MALTA, 35.9, 14.45) == 0.0  # 1:50m has Malta (1:110m does not)


def test_somaliland_counts_as_somalia(shapes):
    """Natural Earth draws Somaliland without a code; UN statistics and IOM count it in Somalia (Borama)."""
    assert shapes.distance_km(SOMALIA, 9.9361, 43.1828) == 0.0


def test_a_code_without_an_outline_is_not_checked(shapes):
    assert "175" not in shapes  # Mayotte: Natural Earth folds it into France
    assert shapes.distance_km("175", -12.8, 45.15) is None


def test_distance_is_the_great_circle_to_the_nearest_outline_point():
    """A square country 0…1° × 0…1°: 1° of latitude north of it is about 111 km."""
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "id": "999", "arcs": [[0]], "properties": {"name": "Square"}}],
            }
        },
    }
    square = CountryShapes.from_topology(topology)
    assert square.distance_km("999", 0.5, 0.5) == 0.0
    assert square.distance_km("999", 2.0, 0.5) == pytest.approx(great_circle_km(2.0, 0.5, 1.0, 0.5), abs=0.2)
    assert square.distance_km("999", 2.0, 0.5) == pytest.approx(111.2, abs=0.5)
    assert square.distance_km("999", 0.5, -1.0) == pytest.approx(111.2, abs=0.5)


def test_swapped_coordinates_fall_inside_once_exchanged(shapes):
    """2019.MMP01714 "Kaolack, Senegal" is recorded at -16.076174, 14.164412: latitude and longitude swapped."""
    assert shapes.distance_km(SENEGAL, -16.076174, 14.164412) > FAR_KM
    assert shapes.distance_km(SENEGAL, 14.164412, -16.076174) == 0.0
