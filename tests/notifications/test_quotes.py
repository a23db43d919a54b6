"""What is kept of a reply by e-mail: the new text, not the quote or signature."""

import pytest

from community.notifications.quotes import new_text

CASES = {
    "gmail, wrapped attribution": (
        "Yes, we used MOSIP.\n\nOn Tue, 1 Dec 2026 at 10:00, Community Hub\n"
        "<no-reply@hub.example.org> wrote:\n> Which ID system?\n"
    ),
    "outlook header block": (
        "Yes, we used MOSIP.\n\n________________________________\n"
        "From: Community Hub <no-reply@hub.example.org>\nSent: Tuesday\n> old\n"
    ),
    "original message": "Yes, we used MOSIP.\n-----Original Message-----\nold text\n",
    "french": "Yes, we used MOSIP.\n\nLe mar. 1 déc. 2026, Ravi a écrit :\n> old\n",
    "portuguese": "Yes, we used MOSIP.\n\nEm ter., 1 de dez., Ravi escreveu:\n> old\n",
    "signature": "Yes, we used MOSIP.\n-- \nAmina\nMinistry of ICT\n",
    "phone": "Yes, we used MOSIP.\n\nSent from my phone\n",
}


@pytest.mark.parametrize("body", CASES.values(), ids=CASES.keys())
def test_only_the_new_text_is_kept(body):
    assert new_text(body) == "Yes, we used MOSIP."


def test_inline_answers_between_quotes_are_kept_and_from_lines_are_text():
    body = (
        "> Which system?\nMOSIP.\n> And where?\nFrom Kenya to Togo.\n>From the start.\n"
    )
    assert new_text(body) == "MOSIP.\nFrom Kenya to Togo.\nFrom the start."
