"""The five seed plans of ../shared/seeds as structured plans, one module each.

Each module has `build(nodes, catalogue, by)` which creates its plan through plans.services:
`nodes` are the demo organisations by key (orgs.demo.DEMO_TREE), `catalogue` is
(movements by name, indicators by code) from campaign.catalogue.load_catalogue().
"""

SEEDS = ["seed_000", "seed_001", "seed_002", "seed_003", "seed_004"]
