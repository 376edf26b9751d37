"""Reports moved out of the plans app with their tables: a database migrated by the old code
(plans 0004, no reports app) migrates forward with every row intact, and back again."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from plans import services, workflow
from plans.models import ReportingRule
from reports import models as current
from reports import services as reporting
from reports.tasks import create_plan_expected_reports

from ..reportdata import report_of, send
from ..worker import run_queued_tasks

BEFORE_THE_MOVE = [("plans", "0004_reports"), ("reports", None)]
MODELS = ("Report", "ReportEvent", "TargetActual", "TaskProgress")


def rows(apps_models):
    """Every column that matters of every report row, by model."""
    report, event, actual, progress = apps_models
    return {
        "report": sorted(
            report.objects.values_list(
                "pk", "plan_id", "organisation_id", "report_to_id", "status", "label", "results"
            )
        ),
        "event": sorted(
            event.objects.values_list("pk", "report_id", "action", "to_status", "by_id", "changes")
        ),
        "actual": sorted(
            actual.objects.values_list("pk", "report_id", "target_id", "numerator", "denominator")
        ),
        "progress": sorted(
            progress.objects.values_list("pk", "report_id", "task_id", "status", "result")
        ),
    }


def migrate(targets):
    """Migrate the test database to targets; the models of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


@pytest.mark.django_db(transaction=True)
def test_reports_keep_every_row_when_moved_out_of_plans(tree, province, boss):
    o, u = tree.orgs, tree.users
    send(report_of(province["committee_one"], o["village_one"]), u["village_one"], 80, 100)
    plan = services.start_plan(issuer=o["committee_one"], by=boss, year=2024, summary="Có việc")
    task = services.add_task(
        plan.sections.get(kind="tasks"), "Tuyên truyền", leads=[o["village_one"]]
    )
    ReportingRule.objects.create(plan=plan, period="yearly", reporters="leads")
    for step in ("submit", "approve", "issue"):
        plan = getattr(workflow, f"{step}_plan")(plan, by=boss)
    run_queued_tasks(create_plan_expected_reports)
    yearly = current.Report.objects.get(plan=plan, organisation=o["village_one"])
    progress = [{"task": task, "status": "done", "result": "Đã xong"}]
    reporting.save_report(yearly, by=u["village_one"], fields={"results": "Tốt"}, progress=progress)
    before = rows([getattr(current, name) for name in MODELS])
    assert all(before.values())  # every table holds rows
    content_type = ContentType.objects.get(app_label="reports", model="report")
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()

    old = migrate(BEFORE_THE_MOVE)
    try:
        assert "plans_report" in connection.introspection.table_names()
        assert "reports_report" not in connection.introspection.table_names()
        assert rows([old.get_model("plans", name) for name in MODELS]) == before
        # The old code writes a row; it must survive the move too.
        old.get_model("plans", "ReportEvent").objects.create(
            report_id=yearly.pk, action="edited", to_status="draft", changes=[["a", "", "b"]]
        )
    finally:
        migrate(leaves)

    after = rows([getattr(current, name) for name in MODELS])
    written_by_old_code = after["event"].pop()
    assert after == before
    assert written_by_old_code[1:4] == (yearly.pk, "edited", "draft")
    assert "reports_report" in connection.introspection.table_names()
    assert "plans_report" not in connection.introspection.table_names()
    # Admin history and permissions stay attached to the same content type.
    assert ContentType.objects.get(app_label="reports", model="report").pk == content_type.pk
    assert not ContentType.objects.filter(app_label="plans", model="report").exists()
