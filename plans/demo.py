"""The five seed plans in the demo data, built through the real services. Idempotent."""

from importlib import import_module

from django.db import transaction

from campaign.catalogue import load_catalogue
from orgs.demo import demo_nodes

from .models import Plan
from .seed_data import SEEDS

# Which demo issuer wrote each seed, and for which year.
SEED_ISSUERS = {
    "seed_000": ("ldld-bacgiang", 2020),
    "seed_001": ("sldtbxh-bacgiang", 2024),
    "seed_002": ("bcd-quyettien", 2020),
    "seed_003": ("bcd-quyetthang", 2023),
    "seed_004": ("ldld-ninhbinh", 2021),
}


@transaction.atomic
def load_demo_plans():
    """Build each seed plan unless it is there already.

    Seed plans are the ones no user created (created_by is empty) for that issuer and year.
    """
    catalogue = load_catalogue()
    nodes = demo_nodes()
    plans = []
    for name in SEEDS:
        issuer_key, year = SEED_ISSUERS[name]
        plan = Plan.objects.filter(
            issuer=nodes[issuer_key], year=year, created_by__isnull=True
        ).first()
        if plan is None:
            plan = import_module(f"plans.seed_data.{name}").build(nodes, catalogue, None)
        plans.append(plan)
    return plans
