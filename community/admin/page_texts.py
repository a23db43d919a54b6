"""The site pages' text until staff edit them (Markdown, through community/text).

{site} is replaced by SITE_NAME. Written for a hub run by a small secretariat;
staff should adapt names, addresses and dates to their own organisation.
"""

from flask_babel import lazy_gettext as _l

ABOUT = _l("""\
{site} is a place where people who build digital public infrastructure learn
from each other: public servants who implement it, the teams behind digital
public goods, vendors and system integrators, and funders.

## What you find here

- **Communities of practice**, such as GovStack, DPG product managers and
  vendors & system integrators. Join the ones that match your work.
- **Discussions**, where implementers ask questions and peers answer. Mark the
  answer that solved your problem, so the next person finds it.
- **Events**: community forums, webinars and workshops, with calendar files and
  feeds for your own calendar.
- **The pilot-learnings library**: what pathfinding pilots learned, written up,
  reviewed by editors and published for everyone.

## Who runs it

The hub is run by a small team of staff and volunteer moderators. Moderators
look after each community; site staff look after accounts and these pages.
Read the [code of conduct](/code-of-conduct) before you post, and the
[privacy notice](/privacy) to see what we keep about you.
""")

CODE_OF_CONDUCT = _l("""\
We want {site} to be a place where anyone working on digital public
infrastructure can ask a question without fear of looking foolish.

## Expected

- Be kind and patient. Many members write in their second or third language.
- Share what you know, including what did not work. Failed pilots teach as much
  as successful ones.
- Credit others' work, and say when you speak for your organisation.
- Keep confidential procurement, personal data and security details out of
  public communities.

## Not accepted

- Harassment, insults, or discrimination of any kind.
- Advertising, sales pitches and repeated self-promotion.
- Posting someone else's personal information.
- Pretending to be another person or organisation.

## What moderators do

Moderators may hide posts, lock threads, and ban people from a community; site
staff may suspend an account. The person is told why. If you see something
wrong, use **Flag** on the post. If you think a decision was wrong, write to us
through the [contact page](/contact).
""")

PRIVACY = _l("""\
This notice says what {site} keeps about you, why, and what you can do about it.

## What we keep

- **Your account**: e-mail address, username, display name, and what you add to
  your profile (organisation, country, time zone, a short bio).
- **What you write**: threads, replies, lessons and their versions, and flags.
- **What you do**: the communities you joined, events you answered, votes,
  what you watch, and your notifications.
- **Security records**: when you last visited, and an audit log of moderation
  and staff actions, with the network address they came from.

We use this only to run the hub. We do not sell it or show advertising.

## Who sees it

Your profile and posts in public communities are public. Posts in members-only
communities are read only by their members. Staff see account details to help
you and to keep the hub safe.

## Your choices

- **Export your data**: *Settings → Your data* gives you everything above as a
  JSON file.
- **Delete your account**: *Settings → Delete my account*. Your replies stay,
  shown as by "deleted member", unless you choose to remove them where the
  community allows it. Your answers to events and your notifications are
  deleted at once.

Questions? Use the [contact page](/contact).
""")

ACCESSIBILITY = _l("""\
We want everyone to be able to use {site}, including people who use a screen
reader, a keyboard only, magnification, or a slow mobile connection.

## How we build it

- Every page works without JavaScript and is kept small (under 60 KB on first
  load), with no requests to other sites and no web fonts.
- We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level
  AA, and check every main page with automated tests in a real browser.
- Forms have labels, errors are tied to their fields, and every page can be
  used with the keyboard alone.

## Known problems

- The map of DPG implementations is a drawing; the same facts are listed on
  each country's page.
- Documents that members attach through links may not be accessible.

## Tell us

If something does not work for you, tell us through the [contact page](/contact):
say which page, what you tried and what assistive technology you use. We aim
to answer within five working days.
""")

CONTACT = _l("""\
The hub's staff read messages on working days.

- **Questions about your account** (log-in, e-mail address, a suspension): write
  to the site staff at <mailto:support@community.invalid>.
- **Reporting a post**: use **Flag** on the post itself, so the community's
  moderators see it at once.
- **Accessibility problems**: the same address; say which page and what went
  wrong.
- **Privacy requests**: you can export or delete your data yourself from
  *Settings*; for anything else, write to the same address.

Replace this address with your organisation's in *Admin → Site pages*.
""")
