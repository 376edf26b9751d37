"""What the workflow leaves to the worker: tasks enqueued in the transaction of the change,
and the repair of issued plans that lack their frozen PDF."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from plans import workflow
from plans.errors import PlanError
from plans.models import IssuedDocument, Plan
from plans.tasks import freeze_plan_pdf, notify_transition, send_deadline_digests
from reports.tasks import create_plan_expected_reports

from ..worker import run_queued_tasks
from .test_workflow import act, new_plan, plan_in_state

pytestmark = pytest.mark.django_db


def queued():
    """(task name, args) of every task waiting, oldest first."""
    return [
        (row.task_path.rsplit(".", 1)[1], row.args_kwargs["args"])
        for row in DBTaskResult.objects.ready().order_by("enqueued_at")
    ]


def test_a_transition_enqueues_its_mail_and_sends_nothing_itself(tree, boss):
    plan = new_plan(tree, boss)
    workflow.submit_plan(plan, by=boss, comment="Kính trình")
    assert queued() == [("notify_transition", [plan.pk, "submit", boss.pk])]
    assert mail.outbox == []


def test_an_issuance_enqueues_its_pdf_its_expected_reports_and_its_mail(tree, boss):
    plan = plan_in_state(tree, boss, "approved")
    DBTaskResult.objects.all().delete()
    workflow.issue_plan(plan, by=boss)
    assert sorted(queued()) == [
        ("create_plan_expected_reports", [plan.pk]),
        ("freeze_plan_pdf", [plan.pk]),
        ("notify_transition", [plan.pk, "issue", boss.pk]),
    ]
    assert not IssuedDocument.objects.exists()
    run_queued_tasks(freeze_plan_pdf)
    assert IssuedDocument.objects.filter(plan=plan).exists()


def test_a_rolled_back_transition_enqueues_nothing(tree, boss):
    plan = plan_in_state(tree, boss, "approved")
    before = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        workflow.issue_plan(plan, by=boss)
        raise RuntimeError("the request fails after the issuance, before the commit")
    assert DBTaskResult.objects.count() == before
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.APPROVED


def test_a_refused_transition_enqueues_nothing(tree, boss):
    plan = plan_in_state(tree, boss, "draft")
    with pytest.raises(PlanError):
        workflow.issue_plan(plan, by=boss)
    with pytest.raises(PlanError):
        workflow.return_plan(plan, by=boss, comment="   ")
    assert queued() == []


def test_freezing_twice_keeps_the_first_pdf(tree, boss):
    plan = plan_in_state(tree, boss, "issued")
    freeze_plan_pdf.enqueue(plan.pk)  # a second enqueue, as the repair command may make
    run_queued_tasks(freeze_plan_pdf)
    assert IssuedDocument.objects.filter(plan=plan).count() == 1
    assert DBTaskResult.objects.filter(status="FAILED").count() == 0


def test_a_task_for_a_deleted_plan_does_nothing(tree, boss):
    plan = new_plan(tree, boss)
    pk = plan.pk
    plan.delete()
    freeze_plan_pdf.enqueue(pk)
    notify_transition.enqueue(pk, "submit", boss.pk)
    create_plan_expected_reports.enqueue(pk)
    assert run_queued_tasks() == 3
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert mail.outbox == [] and not IssuedDocument.objects.exists()


def test_the_deadline_digest_command_enqueues_the_digest(capsys):
    call_command("send_deadline_digest", "--today=2026-03-02")
    assert queued() == [("send_deadline_digests", ["2026-03-02"])]
    assert "Đã xếp hàng thư nhắc hạn tính đến ngày 02/03/2026" in capsys.readouterr().out
    run_queued_tasks(send_deadline_digests)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


# --- repair_issued_documents ------------------------------------------------------------------


def published_plans_without_pdf(tree, boss):
    """An issued, a revoked and a superseded plan whose freezing was lost (the worker died
    with it), and a draft, which has nothing to freeze."""
    plans = {state: plan_in_state(tree, boss, state) for state in ("issued", "revoked")}
    plans["superseded"] = plan_in_state(tree, boss, "issued")
    act(act(act(act(plans["superseded"], "supersede", boss), "submit", boss), "approve", boss), "issue", boss)  # fmt: skip
    plans["draft"] = plan_in_state(tree, boss, "draft")
    DBTaskResult.objects.all().delete()
    for key in plans:
        plans[key].refresh_from_db()
    return plans


def test_repair_enqueues_the_freezing_of_every_published_plan_without_its_pdf(tree, boss, capsys):
    plans = published_plans_without_pdf(tree, boss)
    assert plans["superseded"].status == Plan.Status.SUPERSEDED
    successor = Plan.objects.get(supersedes=plans["superseded"])
    call_command("repair_issued_documents")
    out = capsys.readouterr().out
    expected = sorted(
        [plans["issued"].pk, plans["revoked"].pk, plans["superseded"].pk, successor.pk]
    )
    assert sorted(args[0] for name, args in queued()) == expected
    assert {name for name, args in queued()} == {"freeze_plan_pdf"}
    assert f"Kế hoạch {plans['revoked'].document_number.removeprefix('Số: ')} của " in out
    assert "đã xếp hàng việc lưu bản PDF" in out
    assert "Đã xếp hàng 4 kế hoạch" in out
    run_queued_tasks()
    assert sorted(IssuedDocument.objects.values_list("plan_id", flat=True)) == expected

    call_command("repair_issued_documents")
    assert "Mọi kế hoạch đã ban hành đều có bản PDF lưu" in capsys.readouterr().out
    assert queued() == []


def test_repair_now_freezes_in_the_command_itself(tree, boss, capsys):
    plan = plan_in_state(tree, boss, "issued")
    DBTaskResult.objects.all().delete()
    call_command("repair_issued_documents", now=True)
    assert IssuedDocument.objects.filter(plan=plan).exists()
    assert queued() == []
    assert "Đã lưu bản PDF của 1 kế hoạch." in capsys.readouterr().out
