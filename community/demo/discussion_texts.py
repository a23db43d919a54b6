"""The words of the demo threads, kept apart from the code that seeds them.

A thread: (title, kind, author, body, tags, replies); a reply: (author, text, replies).
In a question, the first reply becomes the accepted answer.
"""

WELCOME = (
    "Welcome to {name}: start here",
    "discussion",
    "jonas",
    "Welcome! This is a place to ask questions and share what worked (and what did "
    "not).\n\n"
    "- Say hello below: who you are, what you are building.\n"
    "- Use **questions** for specific problems and mark the answer that helped.\n"
    "- Be kind: we are all learning in public.",
    ["welcome", "introductions"],
    [
        (
            "amina",
            "Hello from the Ministry of ICT in Nairobi! We are piloting "
            "e-registration.",
            [],
        ),
        (
            "kwame",
            "Kwame here: we integrate payment rails for social protection in Ghana.",
            [],
        ),
    ],
)

BY_COMMUNITY = {
    "govstack": [
        (
            "How do you keep offline registrations in sync?",
            "question",
            "ravi",
            "Our field officers register births in villages **without connectivity** "
            "for "
            "days. How do you reconcile records when the tablets come back online?",
            ["offline", "crvs", "sync"],
            [
                (
                    "maya",
                    "Give every record a client-generated UUID and sync through a "
                    "queue; "
                    "conflicts go to a supervisor screen, never resolved silently.",
                    [("ravi", "Do you keep the officer's local copy after sync?", [])],
                ),
                ("sofia", "We tried last-write-wins first. Please do not do that.", []),
            ],
        ),
        (
            "Which consent model worked for your ID integration?",
            "question",
            "lucia",
            "We are choosing between per-transaction consent and standing consent "
            "for data "
            "sharing between ministries. What did you choose and why?",
            ["consent", "identity"],
            [
                (
                    "jonas",
                    "Per-transaction consent for anything outside the original "
                    "purpose, with "
                    "an audit trail. The consent building block describes the flow.",
                    [],
                )
            ],
        ),
    ],
    "dpg-product-managers": [
        (
            "How do you prioritise feature requests from several governments?",
            "question",
            "maya",
            "Three countries want three different things for the next release. "
            "How do you decide without losing any of them?",
            ["roadmap", "governance"],
            [
                (
                    "fatou",
                    "A public roadmap with a steering group where each adopter has a "
                    "seat; "
                    "requests that serve two or more adopters go first.",
                    [("maya", "Did adopters accept being outvoted?", [])],
                ),
                ("tomas", "Publish the criteria before the requests arrive.", []),
            ],
        ),
        (
            "What should a DPG release note contain for government adopters?",
            "question",
            "lucia",
            "Our IT team wants more than a changelog. What do you include?",
            ["releases", "documentation"],
            [
                (
                    "maya",
                    "Breaking changes first, a migration guide, security fixes with "
                    "CVE "
                    "numbers, and the support window of the previous version.",
                    [],
                )
            ],
        ),
    ],
    "vendors-integrators": [
        (
            "Fixed-price or time-and-materials for DPG implementations?",
            "question",
            "kwame",
            "Ministries prefer fixed price, but scope always moves. How do you "
            "contract?",
            ["procurement", "contracts"],
            [
                (
                    "sofia",
                    "Fixed price per phase, with a discovery phase first; each phase "
                    "ends "
                    "with a demo and a re-estimate.",
                    [("kwame", "How long is your usual discovery phase?", [])],
                )
            ],
        ),
        (
            "How do you hand over a system to the government team?",
            "question",
            "sofia",
            "We want the ministry to own the system after go-live. What made "
            "handover work?",
            ["handover", "capacity"],
            [
                (
                    "amina",
                    "Pair our engineers with yours from month one, not in the last "
                    "month.",
                    [],
                )
            ],
        ),
    ],
    "government-peers": [
        (
            "How did you get budget approval for a digital ID pilot?",
            "question",
            "amina",
            "Treasury asks for a cost-benefit analysis we cannot finish before the "
            "pilot. "
            "How did you make the case?",
            ["budget", "identity"],
            [
                (
                    "ravi",
                    "We framed the pilot as the cost-benefit study itself, with "
                    "clear exit "
                    "criteria after six months.",
                    [],
                )
            ],
        ),
        (
            "Data protection impact assessments: who writes them?",
            "question",
            "lucia",
            "Legal, IT or the programme team? Ours bounces between all three.",
            ["data-protection", "governance"],
            [
                (
                    "ravi",
                    "The programme team owns it; legal reviews; IT signs the annex.",
                    [],
                )
            ],
        ),
    ],
}

DISCUSSION = (
    "Build, buy or adapt a DPG? Lessons from three pilots",
    "discussion",
    "fatou",
    "We funded three pilots this year. One adapted an existing DPG, one bought, one "
    "built. What trade-offs have you seen?",
    ["procurement", "pilots"],
    [
        (
            "kwame",
            "Adapting was fastest, but only because the community was responsive.",
            [
                (
                    "tomas",
                    "How did you judge responsiveness before committing?",
                    [
                        (
                            "kwame",
                            "Issue response times, and whether releases kept coming.",
                            [("maya", "That matches what we tell adopters.", [])],
                        )
                    ],
                )
            ],
        ),
        ("amina", "Building gave us ownership, but we underestimated maintenance.", []),
    ],
)
