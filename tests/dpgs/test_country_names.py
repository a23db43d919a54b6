"""Every registry country spelling pycountry does not know maps explicitly."""

import pytest

from community.dpgs.country_names import REGISTRY_NAMES, resolve_country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Eswatini (fmr. 'Swaziland')", "SZ"),
        ("Congo (Congo-Brazzaville)", "CG"),
        ("Democratic Republic of the Congo", "CD"),
        ("Palestine State", "PS"),
        ("Czechia (Czech Republic)", "CZ"),
        ("Caribbean Netherlands", "BQ"),
        ("Holy See", "VA"),
        ("Micronesia", "FM"),
        ("Brunei", "BN"),
        ("Russia", "RU"),
        ("Turkey", "TR"),
        ("VietNam", "VN"),
        ("Vietnam", "VN"),
        ("Côte d'Ivoire", "CI"),
        ("Saint Vincent and The Grenadines", "VC"),
        ("  united   states of america ", "US"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("South Korea", "KR"),
        ("North Korea", "KP"),
        ("Tanzania", "TZ"),
    ],
)
def test_registry_names_resolve(name, code):
    assert resolve_country(name) == code


@pytest.mark.parametrize("name", ["", "   ", "Kosovo", "Atlantis", "KE", "Congo-ish"])
def test_unknown_or_non_iso_names_stay_unresolved(name):
    assert resolve_country(name) is None


def test_every_explicit_entry_is_a_real_code_pycountry_cannot_guess_otherwise():
    import pycountry

    for key, code in REGISTRY_NAMES.items():
        assert pycountry.countries.get(alpha_2=code) is not None, key
