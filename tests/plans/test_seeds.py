from pathlib import Path

import pytest

from plans.demo import load_demo_plans
from plans.models import Plan
from plans.printing import render_html

from .wordshare import html_text, in_order_share

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEED_FILES = sorted(SEEDS.glob("00*.txt"))


@pytest.fixture
def seed_plans(demo):
    return load_demo_plans()


def test_the_five_seed_files_are_there():
    assert len(SEED_FILES) == 5


@pytest.mark.parametrize("index", range(5))
def test_seed_plan_preview_holds_the_seed_text_in_order(seed_plans, index):
    seed_text = SEED_FILES[index].read_text(encoding="utf-8").replace("~~", "")
    preview = html_text(render_html(seed_plans[index]))
    share = in_order_share(seed_text, preview)
    assert share >= 0.97, f"{SEED_FILES[index].name}: {share:.4f}"


def test_loading_the_seed_plans_twice_adds_nothing(seed_plans):
    count = Plan.objects.count()
    again = load_demo_plans()
    assert Plan.objects.count() == count == 5
    assert [p.pk for p in again] == [p.pk for p in seed_plans]


def test_in_order_share_counts_only_words_in_order():
    assert in_order_share("một hai ba", "một hai ba") == 1.0
    assert in_order_share("một hai ba bốn", "bốn ba hai một") == 0.25
    assert in_order_share("Quyết Thắng", "QUYẾT thắng") == 1.0
