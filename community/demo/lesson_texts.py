"""Fictional demo lessons for `flask seed-demo` (every one says it is demo content).

Each entry: state, author, community slug (or None), fields, sections, and for
revised lessons the changes made in version 2.
"""

DEMO_NOTE = (
    "\n\n*Demo content: this pilot is fictional and was written to show how the "
    "library works.*"
)

# state: draft | in_review | sent_back | published | revised (v2 published)
# | revising (v2 in review) | archived
LESSONS = [
    {
        "state": "revised",
        "author": "amina",
        "community": "govstack",
        "title": "Enrolling rural residents with mobile ID kits",
        "summary": "Mobile enrolment kits reached villages the fixed centres never "
        "did, once the kits could sync over weak mobile networks overnight.",
        "pilot_name": "Lakeside County mobile enrolment",
        "countries": ["KE"],
        "sector": "identity",
        "dpgs": ["MOSIP"],
        "stage": "pilot",
        "year": 2024,
        "sections": {
            "context": "Half of the county lived more than 20 km from an "
            "enrolment centre.",
            "done": "Six teams carried laptop kits with fingerprint and iris "
            "scanners to market days.",
            "learned": "Batch sync at night beat real-time sync: daytime "
            "connections dropped mid-packet and clerks re-enrolled people twice.",
            "recommendations": "Plan for offline first and test the sync on "
            "the worst network you have.",
        },
        "revision": {
            "learned": "Batch sync at night beat real-time sync: daytime "
            "connections dropped mid-packet and clerks re-enrolled people twice. "
            "Deduplication caught 3% duplicates in the first month.",
            "change_note": "Added the deduplication figures.",
        },
    },
    {
        "state": "published",
        "author": "maya",
        "community": "govstack",
        "title": "Linking birth registration to vaccination visits",
        "summary": "Registering births at the first vaccination visit doubled "
        "on-time registration in two districts within a year.",
        "pilot_name": "Register at first jab",
        "countries": ["UG", "SL"],
        "sector": "civil-registration",
        "dpgs": ["OpenCRVS", "DHIS2"],
        "stage": "pilot",
        "year": 2023,
        "sections": {
            "context": "Parents rarely travelled to the registry office, but "
            "almost all came to the clinic for the first vaccination.",
            "done": "Nurses notified births from the clinic tablet; registrars "
            "validated them remotely.",
            "learned": "Registration follows the services people already use.",
            "recommendations": "Agree the data-sharing rules between health and "
            "civil registration before the pilot, not during it.",
        },
    },
    {
        "state": "published",
        "author": "kwame",
        "community": "vendors-integrators",
        "title": "Starting a data-exchange layer with just two registries",
        "summary": "Connecting only the business and tax registries first gave a "
        "visible win in three months and made the next agencies ask to join.",
        "pilot_name": "Two-registry exchange",
        "countries": ["NA"],
        "sector": "data-exchange",
        "dpgs": ["X-Road"],
        "stage": "scaling",
        "year": 2024,
        "sections": {
            "context": "Companies filed the same data with four agencies.",
            "done": "We ran security servers for two registries and one shared "
            "service: company lookup.",
            "learned": "One useful service beats a perfect architecture diagram.",
            "recommendations": "Pick two willing agencies and one service that "
            "citizens notice.",
        },
    },
    {
        "state": "revising",
        "author": "kwame",
        "community": None,
        "title": "Instant merchant payments for market traders",
        "summary": "Traders adopted QR payments when fees were capped and "
        "settlement reached their wallet the same day.",
        "pilot_name": "Market QR pilot",
        "countries": ["GH"],
        "sector": "payments",
        "dpgs": ["Mojaloop"],
        "stage": "pilot",
        "year": 2025,
        "sections": {
            "context": "Cash handling cost traders time and exposed them to theft.",
            "done": "Three banks and two wallets joined a shared switch for QR "
            "merchant payments.",
            "learned": "Same-day settlement mattered more to traders than low fees.",
            "recommendations": "Publish the fee cap before launch.",
        },
        "revision": {
            "summary": "Traders adopted QR payments when fees were capped and "
            "settlement reached their wallet the same day; agents drove sign-up.",
            "change_note": "Added what agents did.",
        },
    },
    {
        "state": "published",
        "author": "ravi",
        "community": "dpg-product-managers",
        "title": "Reusing the health information system for school health checks",
        "summary": "School nurses recorded checks in the existing health "
        "information system instead of a new app, saving a year of work.",
        "pilot_name": "School health tracker",
        "countries": ["LK"],
        "sector": "education",
        "dpgs": ["DHIS2"],
        "stage": "scaling",
        "year": 2023,
        "sections": {
            "context": "Three ministries wanted three apps for school health.",
            "done": "We configured a tracker program in the national instance.",
            "learned": "Configuration beats custom code when the data model fits.",
            "recommendations": "Check what your national instance can already do.",
        },
    },
    {
        "state": "published",
        "author": "sofia",
        "community": None,
        "title": "A farmer registry built from cooperative records",
        "summary": "Cooperative membership lists gave a registry of 40,000 "
        "farmers in weeks; verifying them took months.",
        "pilot_name": "Cooperative farmer registry",
        "countries": ["CO"],
        "sector": "agriculture",
        "dpgs": ["OpenG2P"],
        "stage": "scaling",
        "year": 2024,
        "sections": {
            "context": "Input subsidies went to the same well-connected farmers.",
            "done": "We imported cooperative lists and verified them in the field.",
            "learned": "Imported data is a start, not a registry.",
            "recommendations": "Budget for verification from day one.",
        },
    },
    {
        "state": "published",
        "author": "lucia",
        "community": None,
        "title": "Digital cash transfers to flood-affected families",
        "summary": "Payments reached 80% of families in ten days, but people "
        "without a phone number were missed until agents visited shelters.",
        "pilot_name": "Flood response transfers",
        "countries": ["BR"],
        "sector": "social-protection",
        "dpgs": ["OpenG2P", "MOSIP"],
        "stage": "pilot",
        "year": 2024,
        "sections": {
            "context": "Floods displaced 12,000 families in a week.",
            "done": "We paid from the social registry into accounts and wallets.",
            "learned": "Every digital channel needs an assisted one beside it.",
            "recommendations": "Keep an agent network ready before the disaster.",
        },
    },
    {
        "state": "archived",
        "author": "ravi",
        "community": None,
        "title": "Scanning land records before digitising the process",
        "summary": "Scanning paper land records first produced images nobody "
        "searched; the process had to change before the records.",
        "pilot_name": "Land records scanning",
        "countries": ["IN"],
        "sector": "other",
        "dpgs": [],
        "stage": "national-rollout",
        "year": 2019,
        "sections": {
            "context": "Land disputes took years because records were on paper.",
            "done": "Contractors scanned ten million pages.",
            "learned": "Digitising paper keeps the paper process.",
            "recommendations": "Redesign the service first.",
        },
    },
    {
        "state": "published",
        "author": "sofia",
        "community": "dpg-product-managers",
        "title": "A school meals registry on a health tracker",
        "summary": "Reusing a tracker for school meals worked for attendance "
        "but not for stock, which needed its own tool.",
        "pilot_name": "School meals registry",
        "countries": ["MX"],
        "sector": "education",
        "dpgs": ["DHIS2"],
        "stage": "pilot",
        "year": 2023,
        "sections": {
            "context": "Meal counts were faxed weekly.",
            "done": "Teachers entered daily meal counts on phones.",
            "learned": "Stretching a tool past its model costs more later.",
            "recommendations": "Write down what the tool will not do.",
        },
    },
    {
        "state": "published",
        "author": "lucia",
        "community": "government-peers",
        "title": "Procurement clauses that kept the code open",
        "summary": "Three clauses in the tender kept the source code, data and "
        "documentation in government hands after the vendor left.",
        "pilot_name": "Open procurement template",
        "countries": ["JO"],
        "sector": "other",
        "dpgs": ["X-Road"],
        "stage": "national-rollout",
        "year": 2022,
        "sections": {
            "context": "A previous vendor kept the source code of a registry.",
            "done": "We added code escrow, open licence and handover clauses.",
            "learned": "Write the exit plan into the contract.",
            "recommendations": "Reuse the template and adapt the licence clause.",
        },
    },
    {
        "state": "published",
        "author": "tomas",
        "community": None,
        "title": "A sandbox for testing the payment switch with small banks",
        "summary": "A public sandbox let small banks test against the switch "
        "months before go-live, halving integration defects.",
        "pilot_name": "Switch sandbox",
        "countries": ["CA"],
        "sector": "payments",
        "dpgs": ["Mojaloop"],
        "stage": "pilot",
        "year": 2022,
        "sections": {
            "context": "Small banks had no test environment of their own.",
            "done": "We hosted a sandbox with test data and a simulator.",
            "learned": "Early testing is cheaper than late fixes.",
            "recommendations": "Open the sandbox before the rulebook is final.",
        },
    },
    {
        "state": "published",
        "author": "tomas",
        "community": "govstack",
        "title": "Once-only reporting for small businesses",
        "summary": "Reusing registry data over the exchange layer cut the forms a "
        "new business files from eleven to three.",
        "pilot_name": "Once-only business start",
        "countries": ["AL"],
        "sector": "data-exchange",
        "dpgs": ["X-Road"],
        "stage": "scaling",
        "year": 2023,
        "sections": {
            "context": "Founders typed the same company data into eleven forms.",
            "done": "Four agencies read company data from the business registry.",
            "learned": "The law had to allow reuse before any agency would stop "
            "asking.",
            "recommendations": "Change the regulation in parallel with the build.",
        },
    },
    {
        "state": "sent_back",
        "author": "amina",
        "community": None,
        "title": "Offline-first registration in island clinics",
        "summary": "Clinics registered births offline for weeks and synced when "
        "the supply boat brought a satellite terminal.",
        "pilot_name": "Island clinic registration",
        "countries": ["FJ"],
        "sector": "civil-registration",
        "dpgs": ["OpenCRVS"],
        "stage": "pilot",
        "year": 2024,
        "sections": {
            "context": "Outer islands have no mobile coverage.",
            "done": "Clinics used offline tablets.",
            "learned": "Offline works if conflicts are rare.",
            "recommendations": "",
        },
        "comment": "Thank you! Please add recommendations and say how many "
        "records conflicted when they synced.",
    },
    {
        "state": "in_review",
        "author": "ravi",
        "community": None,
        "title": "Consent screens people actually read",
        "summary": "Short consent screens in the local language, read aloud by "
        "operators, raised informed consent in our survey from 31% to 74%.",
        "pilot_name": "Plain consent",
        "countries": ["IN"],
        "sector": "identity",
        "dpgs": ["MOSIP"],
        "stage": "pilot",
        "year": 2024,
        "sections": {
            "context": "Consent text was four pages of legal English.",
            "done": "We tested three short versions with residents.",
            "learned": "Operators reading aloud mattered more than the wording.",
            "recommendations": "Test consent with residents, not lawyers.",
        },
    },
    {
        "state": "draft",
        "author": "fatou",
        "community": None,
        "title": "Verifiable credentials for community health workers",
        "summary": "An idea for portable credentials so trained health workers "
        "can prove their training in any district.",
        "pilot_name": "Health worker credentials",
        "countries": ["SN"],
        "sector": "health",
        "dpgs": ["DHIS2"],
        "stage": "idea",
        "year": 2025,
        "sections": {
            "context": "Training records live in donor spreadsheets.",
            "done": "Nothing yet: we are scoping.",
            "learned": "Funders want shared training records too.",
            "recommendations": "",
        },
    },
    {
        "state": "draft",
        "author": "tomas",
        "community": None,
        "title": "Cross-border data exchange between two ministries",
        "summary": "Notes from the first workshop on exchanging business "
        "registry data across a border.",
        "pilot_name": "Border exchange study",
        "countries": ["MD"],
        "sector": "data-exchange",
        "dpgs": ["X-Road"],
        "stage": "idea",
        "year": 2025,
        "sections": {
            "context": "Traders register their companies twice.",
            "done": "One workshop with both registries.",
            "learned": "Legal agreements come before technology.",
            "recommendations": "",
        },
    },
]
