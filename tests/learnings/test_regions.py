from community.countries import REGIONS, countries, country_region


def test_every_iso_country_has_exactly_one_of_the_six_regions():
    missing = [code for code in countries() if country_region(code) not in REGIONS]
    assert missing == []
    assert len(countries()) >= 249


def test_regions_of_some_pilot_countries():
    assert country_region("KE") == "Africa"
    assert country_region("ee") == "Europe"
    assert country_region("PH") == "Asia-Pacific"
    assert country_region("BR") == "Latin America & Caribbean"
    assert country_region("JO") == "Middle East"
    assert country_region("CA") == "North America"
    assert country_region("XX") == ""
