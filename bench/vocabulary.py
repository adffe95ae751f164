"""Words and shapes for the many-APIs site (:mod:`bench.manyapis`): names, codes and prose.

Codes are built from an entity (``AccessPoint``), a condition (``NotFound``) or an attribute
(``Name``) in each family's style, from the forms public catalogues use most: AWS's
``AccessPointNotFoundException`` and ``InvalidAccessPointNameException``, Google's
``ACCESS_POINT_NOT_FOUND`` and ``CANNOT_…_IN_…_STATE``, Stripe's ``access_point_not_found``
and its long ``…_verification_…_mismatch``. Each code comes with the sentence that leads its
cause, so that a cause says what its code does.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from bench.synthetic import VERBS as SYNTHETIC_VERBS


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


ENTITIES = _words(
    "AccessPoint Account Alarm Alias Application Archive Artifact Assessment Attachment Backup "
    "Batch Bot Branch Broker Budget Build Bundle Cache Campaign Canary Capacity Catalog "
    "Certificate Channel Cluster Collection Component Connection Connector Contact Container "
    "Crawler Dashboard Database Dataset Deployment Detector Device Directory Document Domain "
    "Environment Event Experiment Export Feature Filter Finding Firewall Fleet Flow Function "
    "Gateway Graph Group Hook Identity Image Import Index Instance Integration Invitation "
    "Invoice Job Journal Key Layer Ledger License Listener Location Member Mesh Metric Model "
    "Monitor Namespace Network Node Notebook Order Organization Package Parameter Partition "
    "Payment Pipeline Playback Policy Pool Portfolio Preset Profile Project Queue Recipe "
    "Recommendation Recorder Registry Replica Report Repository Reservation Resolver Role Route "
    "Rule Runtime Schedule Schema Secret Segment Sensor Server Session Shard Signal Simulation "
    "Skill Snapshot Source Stack Stage Stream Subnet Subscription Table Task Template Theme "
    "Thing Token Topic Tracker Trail Transcript Trigger Trust Unit Upload User Vault Version "
    "Vocabulary Volume Webhook Widget Workflow Workgroup Workspace LaunchTemplate DataSource "
    "ReplicationGroup KeyPair SecurityProfile DeliveryStream ContactFlow ResourceShare"
)
ATTRIBUTES = _words(
    "Name Arn Configuration Policy Parameter Format Version State Size Encoding Region Tag "
    "Filter Token Schedule Owner Signature Timeout Capacity Endpoint Label Threshold Quota"
)
#: Conditions: the words of a code, and the sentence that leads its cause.
CONDITIONS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Not", "Found"), "The specified {e} does not exist, or it belongs to another account."),
    (("Already", "Exists"), "A {e} with the same name already exists in this account."),
    (("Limit", "Exceeded"), "The request would exceed the number of {e}s allowed per account."),
    (("In", "Use"), "The {e} is in use by a {e2} and cannot be changed now."),
    (("Invalid", "State"), "The {e} is not in a state that allows this operation."),
    (("Expired",), "The {e} expired before the request completed."),
    (("Locked",), "The {e} is locked by another request in progress."),
    (("Unavailable",), "The {e} is temporarily unavailable in this region."),
    (("Too", "Large"), "The {e} is larger than the service accepts."),
    (("Not", "Ready"), "The {e} is still being created and is not ready for use."),
    (("Conflict",), "Another request changed the {e} at the same time."),
    (("Quota", "Exceeded"), "The quota of {e}s for this account is exhausted."),
    (("Deleted",), "The {e} was deleted and can no longer be used."),
    (("Disabled",), "The {e} is disabled by its owner."),
)
STATES = _words("ACTIVE PENDING DELETING SUSPENDED ARCHIVED FAILED UPDATING")
ADJECTIVES = _words(
    "current requested supplied existing pending archived primary secondary upstream "
    "configured default remote linked active regional nested encrypted shared stale retired "
    "replicated scheduled partial rotated signed cached paused managed isolated orphaned"
)
NOUNS = _words(
    "request account session token record quota limit field parameter value schedule owner "
    "region version payload header signature balance plan batch export template attachment "
    "subscription key credential namespace tenant shard replica lease checkpoint manifest "
    "revision bucket cursor offset snapshot label policy binding route listener channel"
)
OPENERS = _words("Usually Often Typically Sometimes Here Then Also Occasionally")
VERBS = (
    *SYNTHETIC_VERBS,  # the single-API profile's, and more
    "overlaps",
    "depends on",
    "was rejected by",
    "still waits for",
    "points at",
    "outlived",
)
FIX_VERBS = (
    *_words("Check Verify Recreate Update Remove Refresh Inspect Rotate Describe"),
    "Wait for",
)
FIX_TAILS = (
    "and retry the request",
    "before calling the operation again",
    "with the console or the CLI, then retry",
    "and send the request with the new value",
    "and back off exponentially between retries",
)
AWS_VERBS = _words("Create Delete Describe List Update Get Put Start Stop Batch")
GOOGLE_VERBS = _words("Get List Create Update Delete Mutate")
RPC_VERBS = _words("get send estimate subscribe call watch")
REST_ACTIONS = _words("cancel confirm capture refund verify attach detach close reopen void")
_SUMMARY_VERBS = {"Batch": "Runs a batch of", "List": "Lists", "Get": "Returns", "Put": "Writes"}

NAME_WORDS = _words(
    "Lattice Forge Relay Beacon Harbor Glacier Quarry Signal Canvas Orbit Cascade Meridian "
    "Sentinel Nimbus Keystone Atlas Pulse Vault Ledger Prism Summit Tundra Ember Helix Vector "
    "Aurora Comet Delta Falcon Granite Horizon Iris Juniper Kestrel Lumen Mosaic Nova Onyx "
    "Pillar Quartz Raven Sierra Tidal Umbra Vertex Willow Zephyr Basalt Cobalt Dune Fjord"
)
AWS_KINDS = _words("Service Manager Hub Studio Gateway Insights Connect Store Console Engine")
GOOGLE_KINDS = _words("Scheduler Inventory Catalog Registry Transfer Monitoring Directory Jobs")
PRODUCTS = _words("Payments Billing Invoicing Checkout Payouts Identity Issuing Treasury Tax")
COMMS = _words("Messaging Voice Video Verify Conversations Lookup Sync Notify Fax Flex")
_SYLLABLES = _words("pay till ledg lane wise ly fin tra vo kin zu mar cor vex no ra quil bo")


def spaced(entity: str) -> str:
    """``AccessPoint`` → ``access point``."""
    return " ".join(pascal_words(entity)).lower()


def snake(entity: str) -> str:
    """``AccessPoint`` → ``access_point``."""
    return "_".join(pascal_words(entity)).lower()


def pascal_words(text: str) -> list[str]:
    return re.findall(r"[A-Z][a-z0-9]*", text)


def summary(operation: str) -> str:
    """An operation's summary from its name: ``CreateAccessPoint`` → "Creates an access point."."""
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z]+", operation)
    if not words:
        return "An operation."
    verb = words[0].capitalize()
    rest = " ".join(w.lower() for w in words[1:]) or "resource"
    return f"{_SUMMARY_VERBS.get(verb, verb + 's')} the {rest}."


def _lead(rng: random.Random, entity: str, other: str) -> tuple[tuple[str, ...], str]:
    words, lead = rng.choice(CONDITIONS)
    return words, lead.format(e=spaced(entity), e2=spaced(other))


def aws_code(rng: random.Random, entity: str, other: str) -> tuple[str, str]:
    """A PascalCase code and its lead sentence, in the forms AWS services use."""
    roll = rng.random()
    attr = rng.choice(ATTRIBUTES)
    if roll < 0.45:
        words, lead = _lead(rng, entity, other)
        return f"{entity}{''.join(words)}Exception", lead
    if roll < 0.7:
        return (
            f"Invalid{entity}{attr}Exception",
            f"The {attr.lower()} of the {spaced(entity)} is not valid.",
        )
    if roll < 0.8:
        return (
            f"{entity}{attr}TooLongException",
            f"The {spaced(entity)} {attr.lower()} is longer than allowed.",
        )
    if roll < 0.9:  # S3 and SQS style: no Exception suffix
        return f"NoSuch{entity}", f"The specified {spaced(entity)} does not exist."
    return (
        f"Invalid{entity}{other}{attr}ConfigurationException",
        f"The {attr.lower()} configuration linking the {spaced(entity)} to the "
        f"{spaced(other)} is not valid.",
    )


def upper_code(rng: random.Random, entity: str, other: str) -> tuple[str, str]:
    """An UPPER_SNAKE code and its lead sentence, as Google's enums write them."""
    roll = rng.random()
    up, up2 = snake(entity).upper(), snake(other).upper()
    attr = rng.choice(ATTRIBUTES)
    if roll < 0.4:
        words, lead = _lead(rng, entity, other)
        return f"{up}_{'_'.join(words).upper()}", lead
    if roll < 0.6:
        return (
            f"INVALID_{up}_{attr.upper()}",
            f"The {attr.lower()} of the {spaced(entity)} is not valid.",
        )
    if roll < 0.75:
        return f"DUPLICATE_{up}_NAME", f"Another {spaced(entity)} already has this name."
    if roll < 0.85:
        return f"{up}_{attr.upper()}_TOO_LONG", f"The {spaced(entity)} {attr.lower()} is too long."
    state = rng.choice(STATES)
    verb = rng.choice(("MODIFY", "REMOVE", "LINK", "ATTACH", "RESTORE"))
    return (
        f"CANNOT_{verb}_{up}_WITH_{up2}_IN_{state}_STATE",
        f"A {spaced(entity)} cannot be changed this way while its {spaced(other)} is "
        f"{state.lower()}.",
    )


def lower_code(rng: random.Random, entity: str, other: str) -> tuple[str, str]:
    """A lower_snake code and its lead sentence, in Stripe's forms (some very long)."""
    roll = rng.random()
    low, low2 = snake(entity), snake(other)
    attr = rng.choice(ATTRIBUTES).lower()
    if roll < 0.4:
        words, lead = _lead(rng, entity, other)
        return f"{low}_{'_'.join(words).lower()}", lead
    if roll < 0.6:
        return (
            f"{low}_invalid_{attr}",
            f"The {attr} provided for the {spaced(entity)} is not valid.",
        )
    if roll < 0.8:
        return (
            f"{low}_unexpected_state",
            f"The {spaced(entity)}'s state was incompatible with the operation.",
        )
    attr2 = rng.choice(ATTRIBUTES).lower()
    return (
        f"{low}_{low2}_{attr}_verification_{attr2}_mismatch",
        f"The {attr2} sent to verify the {spaced(other)} {attr} does not match the one on "
        f"the {spaced(entity)}.",
    )


def title_phrase(rng: random.Random, entity: str) -> tuple[str, str]:
    """A title (``Access point not found``) and the lead sentence of its cause."""
    words, lead = _lead(rng, entity, entity)
    title = f"{spaced(entity).capitalize()} {' '.join(words).lower()}"
    return title, lead


def _brand(rng: random.Random) -> str:
    return "".join(rng.sample(_SYLLABLES, rng.randint(2, 3))).capitalize()


def api_names(rng: random.Random, kinds: Sequence[str]) -> list[tuple[str, str]]:
    """A unique name and slug for each API, in its family's manner."""
    seen: set[str] = set()
    out = []
    for kind in kinds:
        while True:
            a, b = rng.choice(NAME_WORDS), rng.choice(NAME_WORDS)
            if kind == "aws":
                name = f"{rng.choice(('Amazon', 'AWS'))} {a} {rng.choice(AWS_KINDS)}"
            elif kind == "google":
                name = f"Cloud {a} {rng.choice(GOOGLE_KINDS)} API"
            elif kind == "stripe":
                name = f"{_brand(rng)} {rng.choice(PRODUCTS)}"
            elif kind == "twilio":
                name = f"{_brand(rng)} {rng.choice(COMMS)}"
            else:
                name = f"{_brand(rng)} {b} JSON-RPC"
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower().removesuffix(" api"))[:40].strip("-")
            if slug not in seen and name not in seen:
                seen.update((slug, name))
                out.append((name, slug))
                break
    return out
