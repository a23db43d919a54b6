"""The fr, es and pt catalogues are complete, not fuzzy, and keep every placeholder."""

import re

import pytest
from babel.messages.pofile import read_po

from community.catalogues import TRANSLATIONS, catalogue_paths, compile_stale
from tests.i18n.marking import extracted_entries

LANGUAGES = ("fr", "es", "pt")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
TAG = re.compile(r"</?[a-z]+[^>]*>")


def catalogue(language: str):
    path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        return read_po(source, locale=language)


def entries(language: str) -> list:
    return [message for message in catalogue(language) if message.id]


def test_every_supported_language_has_a_catalogue(app):
    found = {path.parent.parent.name for path in catalogue_paths()}
    assert found == set(app.config["LANGUAGES"]) - {"en"} == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_holds_every_marked_string(language):
    """New or changed strings must be translated: run `make translations`."""
    held = {
        (m.context, m.id if isinstance(m.id, str) else m.id[0])
        for m in entries(language)
    }
    wanted = {(context, msgid) for context, msgid, _path in extracted_entries()}
    assert sorted(wanted - held, key=str) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    problems = []
    for message in entries(language):
        forms = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy or not all(form.strip() for form in forms):
            problems.append(message.id)
    assert problems == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_and_tags(language):
    problems = []
    for message in entries(language):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        allowed = set(PLACEHOLDER.findall(" ".join(ids)))
        tags = sorted(TAG.findall(ids[-1]))
        # The plural forms must name what the plural names; the singular form may
        # leave the count out ("Every day" for "Every %(num)s days").
        if sorted(PLACEHOLDER.findall(forms[-1])) != wanted:
            problems.append((message.id, forms[-1]))
        problems += [
            (message.id, form)
            for form in forms
            if not set(PLACEHOLDER.findall(form)) <= allowed
            or sorted(TAG.findall(form)) != tags
        ]
    assert problems == []


def test_the_catalogues_compile(tmp_path):
    for language in LANGUAGES:
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        source = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
        (target / "messages.po").write_bytes(source.read_bytes())
    assert compile_stale(tmp_path) == sorted(LANGUAGES)
    assert all(
        (tmp_path / code / "LC_MESSAGES" / "messages.mo").stat().st_size > 10000
        for code in LANGUAGES
    )
    assert compile_stale(tmp_path) == []  # nothing stale the second time


def test_the_placeholder_check_catches_a_mismatch():
    assert sorted(PLACEHOLDER.findall("%(name)s a rejoint")) != sorted(
        PLACEHOLDER.findall("%(display_name)s joined")
    )
