"""Realistic text and shapes for the benchmark data set, from a seeded random.Random.

Per-feature seeders (threads, posts, events, lessons) use these so that every
run with the same seed builds the same data.
"""

import random

DPGS = (
    "MOSIP",
    "OpenCRVS",
    "DHIS2",
    "OpenG2P",
    "X-Road",
    "Mojaloop",
    "OpenSPP",
    "OpenIMIS",
    "Inji",
    "Sunbird RC",
)
COUNTRIES = ("KE", "IN", "BR", "SN", "GH", "CO", "PH", "ET", "RW", "TG", "SL", "ZM")
TOPICS = (
    "data stewardship",
    "consent flows",
    "offline enrolment",
    "interoperability testing",
    "procurement language",
    "identity verification",
    "payment reconciliation",
    "API versioning",
    "capacity building",
    "vendor lock-in",
    "open standards",
    "grievance redress",
)
WORDS = [
    "registry",
    "pilot",
    "ministry",
    "rollout",
    "district",
    "schema",
    "consent",
    "audit",
    "vendor",
    "budget",
    "sandbox",
    "onboarding",
    "citizens",
    "agency",
    "protocol",
    "gateway",
    "certificate",
    "uptime",
    "deployment",
    "handover",
    "training",
    "policy",
    "dataset",
    "building",
    "block",
    "workflow",
]
TIME_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Prague",
    "Africa/Nairobi",
    "Africa/Accra",
    "Africa/Dakar",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Manila",
    "Asia/Jakarta",
    "Asia/Dhaka",
    "America/Sao_Paulo",
    "America/Bogota",
    "America/Mexico_City",
    "America/New_York",
    "Pacific/Auckland",
    "Australia/Sydney",
)

KINDS = ("government", "government", "vendor", "dpg_team", "funder", "other")
FIRST_NAMES = [
    "Amina",
    "Ravi",
    "Lucia",
    "Jonas",
    "Maya",
    "Kwame",
    "Sofia",
    "Fatou",
    "Tomas",
    "Ana",
    "Ikram",
    "Diego",
]
LAST_NAMES = [
    "Njoroge",
    "Menon",
    "Fernandes",
    "Weber",
    "Chen",
    "Mensah",
    "Ramirez",
    "Diallo",
    "Novak",
    "Silva",
]
SEEDED_COMMUNITIES = (
    ("govstack", "GovStack"),
    ("dpg-product-managers", "DPG product managers"),
    ("vendors-integrators", "Vendors & system integrators"),
)
MORE_COMMUNITIES = [
    "Government peers",
    "Digital ID",
    "Payments interoperability",
    "Civil registration",
    "Health information systems",
    "Social protection delivery",
    "Data exchange",
    "Open procurement",
    "Accessible public services",
    "Agriculture extension",
    "Education platforms",
    "Open standards",
    "Public sector cybersecurity",
    "Cloud hosting",
    "Funders circle",
    "Country leads",
    "Registries",
    "Consent and privacy",
    "Mobile money",
    "Open source governance",
    "Service design",
    "Geospatial data",
    "Disaster response",
    "Census",
]


def sentence(rng: random.Random, words: int = 12) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 4)))


def markdown_block(rng: random.Random) -> str:
    """One Markdown block: a paragraph, list, quote, code block or link line."""
    kind = rng.choice(("paragraph", "paragraph", "list", "quote", "code", "link"))
    if kind == "list":
        return "\n".join(f"- {sentence(rng, 6)}" for _ in range(rng.randint(2, 5)))
    if kind == "quote":
        return "> " + sentence(rng, 14)
    if kind == "code":
        name = rng.choice(WORDS)
        return f"```\ncurl -s https://api.example.org/v1/{name}?page=2 | jq .items\n```"
    if kind == "link":
        dpg = rng.choice(DPGS)
        return f"See the [{dpg} guide](https://docs.example.org/{dpg.lower()}) first."
    return paragraph(rng)


def markdown_post(rng: random.Random, low: int = 200, high: int = 2000) -> str:
    """Markdown between low and high characters, mixing every block kind."""
    target = rng.randint(low, high)
    blocks = [f"About {rng.choice(TOPICS)} with {rng.choice(DPGS)}: {paragraph(rng)}"]
    while sum(len(block) + 2 for block in blocks) < target:
        blocks.append(markdown_block(rng))
    return "\n\n".join(blocks)[:high]


def title(rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    dpg = rng.choice(DPGS)
    return rng.choice(
        (
            f"How did you handle {topic} when deploying {dpg}?",
            f"Lessons on {topic} from our {dpg} pilot",
            f"{dpg}: {topic} in a second country",
            f"Question about {topic} for {dpg} integrators",
        )
    )


def reply_parents(
    rng: random.Random, count: int, max_depth: int = 8
) -> list[int | None]:
    """Parent index (or None for a top-level reply) for each of count posts.

    Post 0 opens the thread; replies attach to a random earlier post whose depth
    is below max_depth, so trees reach max_depth without exceeding it.
    """
    parents: list[int | None] = [None]
    depths = [0]
    for index in range(1, count):
        parent = rng.randrange(index) if rng.random() < 0.7 else 0
        while depths[parent] >= max_depth:
            parent = parents[parent] or 0
        parents.append(parent)
        depths.append(depths[parent] + 1)
    return parents


def search_queries(count: int = 2000) -> list[str]:
    """Pairs of words people of this data set would type, each once, in a fixed
    shuffled order: a search the result cache has not seen yet (most match
    hundreds of documents, some nothing, which asks "did you mean")."""
    words = sorted(
        {word.lower() for topic in TOPICS for word in topic.split()}
        | set(WORDS)
        | {name.lower() for name in FIRST_NAMES}
        | {name.lower().split()[0] for name in DPGS}
    )
    pairs = [f"{a} {b}" for a in words for b in words if a < b]
    random.Random(2026).shuffle(pairs)
    return pairs[:count]
