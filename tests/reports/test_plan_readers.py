"""A unit that owes a report on a plan reads the plan it reports on (issue: the village that
owed a report could not open the plan, 404), and nobody else gains anything."""

from django.urls import reverse

from plans.models import PlanReader


def test_a_village_that_owes_a_report_reads_and_downloads_the_plan(client, tree, province):
    plan = province["committee_one"]
    village_b = tree.orgs["village_one_b"]  # neither a recipient nor a task unit of the plan
    assert not plan.recipients.filter(organisation=village_b).exists()
    assert PlanReader.objects.filter(plan=plan, organisation=village_b).exists()
    client.force_login(tree.users["village_one_b"])

    page = client.get(reverse("plans:detail", args=[plan.pk]))
    pdf = client.get(reverse("plans:download_pdf", args=[plan.pk]))
    docx = client.get(reverse("plans:download_docx", args=[plan.pk]))

    assert page.status_code == 200 and plan.summary in page.content.decode()
    assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
    assert docx.status_code == 200
    assert plan in plan.__class__.objects.visible_to(tree.users["village_one_b"])


def test_a_village_of_another_commune_still_cannot_open_the_plan(client, tree, province):
    client.force_login(tree.users["village_two"])  # reports to Xã Hai, not to Xã Một
    response = client.get(reverse("plans:detail", args=[province["committee_one"].pk]))
    assert response.status_code == 404


def test_a_plan_still_in_draft_is_not_read_by_its_future_reporters(client, tree, boss):
    from plans import services
    from plans.models import ReportingRule

    plan = services.start_plan(issuer=tree.orgs["committee_one"], by=boss, year=2024,
                               summary="Dự thảo có chế độ báo cáo")  # fmt: skip
    ReportingRule.objects.create(plan=plan, period="yearly", reporters="subordinates")
    PlanReader.objects.create(plan=plan, organisation=tree.orgs["village_one"])
    client.force_login(tree.users["child_editor"])
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404


def test_the_reporting_village_sees_the_dashboard_but_not_a_sibling_villages_figures(
    client, tree, province
):
    plan = province["committee_one"]
    client.force_login(tree.users["village_one_b"])
    url = reverse("reports:dashboard", args=[plan.pk])

    assert client.get(url).status_code == 200
    sibling = client.get(url, {"node": tree.orgs["village_one"].pk})
    own = client.get(url, {"node": tree.orgs["village_one_b"].pk})
    assert (sibling.status_code, own.status_code) == (404, 200)
