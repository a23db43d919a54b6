"""Every string a person reads is marked for translation (issue 15).

The scanners live in tests/i18n/marking.py; the tests below also prove that
they catch what they should, so an empty result means something.
"""

import re

import pytest

from tests.i18n.marking import (
    extracted_messages,
    unmarked_in_python,
    unmarked_in_template,
    unmarked_python,
    unmarked_templates,
)


def test_every_template_string_is_marked(app):
    assert unmarked_templates(app.jinja_env) == {}


def test_every_python_string_people_read_is_marked():
    assert unmarked_python() == {}


@pytest.mark.parametrize(
    "source",
    [
        "<p>Hello there</p>",
        "<h1>Events</h1>",
        '<input placeholder="Search">',
        '<nav aria-label="Main"></nav>',
        '<img alt="A map" src="x.png">',
        '<button type="submit" value="Send it">',
        "{{ button(url, 'Join the community') }}",
        "{% set heading = 'Schedule an event' %}",
        "<p>{{ count }} going</p>",
        "<p>{% if a %}Next occurrence:{% endif %}</p>",
    ],
)
def test_the_template_scanner_finds_bare_text(app, source):
    assert unmarked_in_template(source, app.jinja_env)


@pytest.mark.parametrize(
    "source",
    [
        "<p>{{ _('Hello there') }}</p>",
        "<p>{{ ngettext('%(num)d seat', '%(num)d seats', n) }}</p>",
        "<input placeholder=\"{{ _('Search') }}\">",
        "{{ button(url, _('Join the community'), class_='button button-danger') }}",
        "{% if rsvp.status == 'going' %}<time>{{ when }}</time>{% endif %}",
        "<p>{{ event.title }} · {{ event.timezone }}</p>",
        '<h{{ level }} class="event-title">{{ title }}</h{{ level }}>',
    ],
)
def test_the_template_scanner_accepts_marked_text(app, source):
    assert unmarked_in_template(source, app.jinja_env) == []


@pytest.mark.parametrize(
    "source",
    [
        'flash("Your profile is saved.", "success")',
        'flash(f"You left {community.name}.")',
        'name = StringField("Display name")',
        'raise ValidationError("That is not your password.")',
        'DataRequired(message="Give a title.")',
        'abort(400, "Give a reason.")',
        'KINDS = {"government": "Government"}',
        'kind = SelectField(_l("Kind"), choices=[("", "Anyone")])',
    ],
)
def test_the_python_scanner_finds_bare_text(source):
    assert unmarked_in_python(source)


@pytest.mark.parametrize(
    "source",
    [
        'flash(_("Your profile is saved."), "success")',
        'flash(_("You left %(name)s.", name=community.name))',
        'name = StringField(_l("Display name"))',
        'STATUSES = {"pending": "pending"}',
        "abort(404)",
    ],
)
def test_the_python_scanner_accepts_marked_text(source):
    assert unmarked_in_python(source) == []


def test_extraction_finds_template_python_and_form_strings():
    """What the scanners call marked is what pybabel extracts (babel.cfg)."""
    messages = extracted_messages()
    assert "Skip to main content" in messages  # base.html
    assert "Your profile is saved." in messages  # a flash in auth/views.py
    assert "Display name" in messages  # a lazy form label
    assert "Use at most %(max_tags)s tags." in messages  # an f-string, converted
    # A template that does not parse fails extraction instead of vanishing.
    templates = {path for paths in messages.values() for path in paths}
    assert "templates/base.html" in templates
    assert "templates/macros/forms.html" in templates


def test_no_message_builds_a_word_from_pieces():
    """'member%(s)s' or '%(label)ss' cannot be translated: plurals use ngettext."""
    pieces = re.compile(r"[^\W\d_]%\(\w+\)s|%\(\w+\)s[^\W\d_]")
    assert [message for message in extracted_messages() if pieces.search(message)] == []


def test_no_sentence_is_split_around_a_link():
    """A link inside a sentence is a placeholder of one message, not two halves."""
    halves = [
        message
        for message in extracted_messages()
        if message[:1] in ".," or message.startswith(("to ", "of "))
    ]
    assert halves == []
