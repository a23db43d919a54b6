"""Every string a person reads is marked for translation (issue 15).

The scanners live in tests/i18n/marking.py; the tests below also prove that
they catch what they should, so an empty result means something.
"""

import re

import pytest
from babel.messages.catalog import PYTHON_FORMAT

from tests.i18n.marking import (
    extracted_entries,
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
        "<span{{ content_lang(code) }}>Written here</span>",
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
        "<span{{ content_lang(post.language) }}>{{ post.body }}</span>",
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
    half = re.compile(r"^[.,;]|^(to|of|or) %\(|^to (reply|say)\b| (to|of|or)$|\)s in$")
    halves = [message for message in extracted_messages() if half.search(message)]
    assert halves == []


def test_every_placeholder_babel_sees_is_named():
    """Babel reads "% fewer" as the placeholder "% f" and flags the message
    python-format, so a translation writing "% de" fails its check: a literal
    percent sign is a named placeholder (percent="%")."""
    positional = [
        message
        for message in extracted_messages()
        for found in PYTHON_FORMAT.finditer(message)
        if not found.group(1)
    ]
    assert positional == []


def test_the_outcome_unit_help_still_shows_a_percent_sign(client, db, login):
    from tests.factories import make_user

    login(make_user())
    page = client.get("/learnings/new").get_data(as_text=True)
    assert "For example “% fewer queues” or “days saved”." in page


def test_none_has_a_context_wherever_it_is_used():
    """ "None" is "Aucune" for a discussion or community and "Aucun" for an
    event: each use names what is missing, so translators can tell them apart."""
    uses = [
        (context, path)
        for context, msgid, path in extracted_entries()
        if msgid == "None"
    ]
    assert uses and all(context for context, _path in uses)
    assert {context for context, _path in uses} >= {
        "no discussion chosen",
        "no event chosen",
        "no community chosen",
    }
