"""The search for the IANA zone that a file's own VTIMEZONE means."""

from datetime import timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from community.events.import_zones import (
    custom_offsets,
    matching_zone,
    offsets,
    samples,
)


@pytest.mark.parametrize(
    "name",
    ["Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata"],
)
def test_reading_a_day_apart_gives_every_offset_a_full_reading_does(name):
    instants = samples(2029, 2031)
    tz = ZoneInfo(name)
    assert custom_offsets(tz, instants) == offsets(tz, instants)


def test_an_unknown_rule_set_matches_no_zone():
    # +05:17 all year: no zone has that offset.
    assert matching_zone(timezone(timedelta(hours=5, minutes=17)), 2030, 2031) is None
