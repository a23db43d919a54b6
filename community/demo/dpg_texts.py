"""Short descriptions of the demo DPGs, written for this project (the registry's
own prose arrives only through `flask dpgs import`), and the demo threads and
events that name them."""

DESCRIPTIONS = {
    "dhis2": (
        "Collects, checks and charts routine data, best known for national "
        "health information systems."
    ),
    "modular-open-source-identity-platform": (
        "Building blocks for a national foundational ID: enrolment, "
        "deduplication and authentication."
    ),
    "opencrvs": (
        "Registers births and deaths, including offline, and issues the certificates."
    ),
    "x-road": "Secure data exchange between government registers and services.",
    "mojaloop": (
        "A switch that lets banks and mobile wallets pay each other in real time."
    ),
    "openg2p": "Tools to pay social benefits from government to people.",
    "openspp": (
        "Manages beneficiaries, eligibility and entitlements for social "
        "protection programmes."
    ),
    "openimis": (
        "Runs health insurance and social protection schemes: members, claims, "
        "payments."
    ),
    "sunbird-rc": "Builds registries and issues verifiable credentials from them.",
    "sunbird": "Building blocks for learning platforms.",
    "commcare": "Mobile case management for frontline workers, built without code.",
    "openmrs": "Electronic medical records for clinics and hospitals.",
    "odk": "Collects data on phones and tablets, with or without a connection.",
    "kobotoolbox": "Survey data collection for humanitarian and development work.",
    "kolibri": "An offline-first learning platform with a library of open content.",
    "rapidpro": "Builds SMS and chat services that reach people on basic phones.",
    "primero": (
        "Case management for child protection and gender-based violence services."
    ),
    "opensrp": "Tools for community health workers to register and follow clients.",
    "bahmni": "A hospital system combining records, laboratory and billing.",
    "openlmis": "Manages the supply chain of medicines and vaccines.",
    "ihris": (
        "Keeps track of the health workforce: who works where, with which training."
    ),
    "community-health-toolkit": (
        "Apps for community health workers, designed for hard-to-reach places."
    ),
    "apache-fineract": "A core banking platform for financial inclusion.",
    "openfn-integration-toolkit": (
        "Connects systems and automates the flows of data between them."
    ),
    "divoc": (
        "Issues digital vaccination and other certificates that anyone can verify."
    ),
    "digit": "A platform for urban and local government services.",
    "moodle-lms": "A learning management system for courses online.",
    "farmos": "Records and plans what happens on a farm.",
    "govdirectory": "A directory of government bodies and how to reach them online.",
    "standard-for-public-code": (
        "Criteria for public organisations to build code together."
    ),
    "ushahidi": "Crowdsources reports from citizens and maps them.",
    "altinn": "A platform for digital public services between government and citizens.",
}

# Demo thread and event titles -> the DPGs they are about (by catalogue name).
THREAD_DPGS = {
    "How do you keep offline registrations in sync?": ["OpenCRVS"],
    "Which consent model worked for your ID integration?": ["MOSIP", "X-Road"],
    "How do you prioritise feature requests from several governments?": ["DHIS2"],
    "What should a DPG release note contain for government adopters?": [
        "DHIS2",
        "OpenCRVS",
    ],
    "How do you hand over a system to the government team?": ["OpenG2P"],
    "How did you get budget approval for a digital ID pilot?": ["MOSIP"],
}
EVENT_DPGS = {
    "Integration workshop: consent and identity": ["MOSIP", "X-Road"],
    "GovStack community forum": ["X-Road", "Mojaloop"],
    "DPG product managers monthly call": ["DHIS2"],
    "DPI implementers' summit": ["OpenCRVS", "MOSIP", "DHIS2"],
    "Webinar: procurement for DPGs": ["OpenCRVS"],  # cancelled: kept off the pages
}
