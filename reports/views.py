"""Pages for reports: what a unit owes, writing and sending a report, reviewing it, and a
committee's dashboard with its roll-up."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from campaign.spreadsheets import style_table, workbook_bytes
from campaign.text import decimal_vi, plain_decimal, spreadsheet_safe
from documents.downloads import download_response
from orgs.access import can_see, member_organisation_ids
from orgs.models import Organisation
from plans.access import access_plan
from plans.errors import PlanError
from plans.forms import TransitionForm
from plans.models import Plan
from plans.printing import target_amount

from . import plausibility, rollup, services
from .access import access_report, report_abilities
from .forms import ActualFormSet, ProgressFormSet, ReportForm
from .models import Report
from .printing import report_file

PAGE_SIZE = 50


@login_required
def report_list(request):
    """Reports the user's units owe, and those sent to their units to review."""
    own = member_organisation_ids(request.user)
    owed = services.due_reports(own)
    to_review = (
        Report.objects.filter(report_to_id__in=own, status=Report.Status.SUBMITTED)
        .select_related("plan", "organisation")
        .order_by("submitted_at")
    )
    return render(
        request,
        "reports/report_list.html",
        {
            "owed": Paginator(owed, PAGE_SIZE).get_page(request.GET.get("page")),
            "to_review": to_review[:PAGE_SIZE],
            "today": timezone.localdate(),
        },
    )


def _rows(report):
    """The task and target rows of the report form, with what was saved before."""
    progress = {p.task_id: p for p in report.progress.all()}
    actuals = {a.target_id: a for a in report.actuals.all()}
    tasks = list(services.report_tasks(report))
    targets = list(services.report_targets(report))
    for target in targets:  # shown beside the target's name: "giảm 1–1,5%/năm"
        target.planned = target_amount(target)
    task_initial = [
        {"task": t.pk, "status": getattr(progress.get(t.pk), "status", "not_started"),
         "result": getattr(progress.get(t.pk), "result", "")}
        for t in tasks
    ]  # fmt: skip
    target_initial = [
        {"target": t.pk, "numerator": plain_decimal(getattr(actuals.get(t.pk), "numerator", None)),
         "denominator": plain_decimal(getattr(actuals.get(t.pk), "denominator", None))}
        for t in targets
    ]  # fmt: skip
    return tasks, targets, task_initial, target_initial


def _give_previous(formset, targets, previous, label):
    """The unit's figures of its previous period on the inputs (data-previous…), for the form's
    jump warnings while typing (static/js/report-checks.js)."""
    for target, row in zip(targets, formset.forms, strict=True):
        if target.pk not in previous:
            continue
        # Shown under the target's name: "Quý I năm 2024: 80,5/100".
        target.previous = (label, *(decimal_vi(v) or "–" for v in previous[target.pk]))
        for name, value in zip(("numerator", "denominator"), previous[target.pk], strict=True):
            if value is None:
                continue
            attrs = row.fields[name].widget.attrs
            attrs.update({"data-previous": str(plain_decimal(value)), "data-previous-label": label})
            if name == "numerator" and not rollup.is_ratio(target):
                attrs["data-cumulative"] = "1"


def _with_jumps(actuals, previous, label):
    """The saved figures, each with .jumps: the jump warnings a reviewer sees beside it."""
    actuals = list(actuals)
    for actual in actuals:
        actual.jumps = [
            text
            for _field, text in plausibility.jump_warnings(
                previous.get(actual.target_id, (None, None)),
                (actual.numerator, actual.denominator),
                cumulative=not rollup.is_ratio(actual.target),
                label=label or "kỳ trước",
            )
        ]
    return actuals


def _version(request, report):
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return report.version


@login_required
def report_detail(request, pk):
    """The report: a form while the unit writes it, read-only once sent."""
    report = access_report(request.user, pk)
    can = report_abilities(request.user, report)
    editable = can["edit"] and report.is_editable
    tasks, targets, task_initial, target_initial = _rows(report)
    data = request.POST if request.method == "POST" and editable else None
    form = ReportForm(data, instance=report)
    progress = ProgressFormSet(data, prefix="progress", initial=task_initial)
    actuals = ActualFormSet(data, prefix="actuals", initial=target_initial)
    if data is not None and (
        progress.total_form_count() != len(tasks) or actuals.total_form_count() != len(targets)
    ):
        # The rows are the plan's tasks and targets: another count was not sent by this page.
        return HttpResponseBadRequest(
            "Biểu mẫu báo cáo không khớp với kế hoạch. Hãy tải lại trang.",
            content_type="text/plain; charset=utf-8",
        )
    previous_label, previous = plausibility.previous_figures(report)
    prefetch_related_objects(targets, "indicator")
    _give_previous(actuals, targets, previous, previous_label)
    version = _version(request, report)
    if data is not None and form.is_valid() and progress.is_valid() and actuals.is_valid():
        task_by_id = {t.pk: t for t in tasks}
        target_by_id = {t.pk: t for t in targets}
        try:
            report = services.save_report(
                report,
                by=request.user,
                version=version,
                fields=form.cleaned_data,
                progress=[
                    {**row, "task": task_by_id[row["task"]]}
                    for row in progress.cleaned_data
                    if row["task"] in task_by_id
                ],
                actuals=[
                    {**row, "target": target_by_id[row["target"]]}
                    for row in actuals.cleaned_data
                    if row["target"] in target_by_id
                ],
            )
            if "send" in request.POST:
                services.submit_report(report, by=request.user)
                messages.success(request, "Đã gửi báo cáo.")
            else:
                messages.success(request, "Đã lưu báo cáo.")
            return redirect("reports:detail", pk=report.pk)
        except PlanError as error:
            messages.error(request, str(error))
    elif data is not None:
        messages.error(request, "Chưa lưu: hãy sửa các ô được đánh dấu đỏ.")
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "can": can,
            "editable": editable,
            "form": form,
            "progress": list(zip(tasks, progress, strict=True)),
            "progress_formset": progress,
            "actuals": list(zip(targets, actuals, strict=True)),
            "actuals_formset": actuals,
            "version": version,
            "saved_progress": report.progress.select_related("task"),
            "saved_actuals": _with_jumps(
                report.actuals.select_related("target__indicator"), previous, previous_label
            ),
            "events": report.events.select_related("by").order_by("-at", "-pk"),
            "has_subordinates": editable and services.subordinate_reports(report).exists(),
            "formsets_with_errors": [f for f in (progress, actuals) if f.non_form_errors()],
            "transition_form": TransitionForm(),
        },
    )


@login_required
@require_POST
def report_action(request, pk, action):
    """Send, accept or return a report, or start it from the subordinates' reports."""
    report = access_report(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(e for field in form.errors.values() for e in field)
        messages.error(request, f"Chưa thực hiện: {errors}")
        return redirect("reports:detail", pk=report.pk)
    comment = form.cleaned_data["comment"]
    try:
        if action == "accept":
            services.accept_report(report, by=request.user, comment=comment)
            messages.success(request, "Đã tiếp nhận báo cáo.")
        elif action == "return":
            services.return_report(report, by=request.user, comment=comment)
            messages.success(request, "Đã trả lại báo cáo.")
        elif action == "from_subordinates":
            services.start_from_subordinates(report, by=request.user)
            messages.success(
                request, "Đã điền số liệu cộng từ báo cáo cấp dưới và ý kiến của từng đơn vị."
            )
        else:
            raise Http404
    except PlanError as error:
        messages.error(request, str(error))
    return redirect("reports:detail", pk=report.pk)


def _dashboard(request, pk):
    """The committee's plan, the period chosen, and the unit drilled into."""
    plan = access_plan(request.user, pk, queryset=Plan.objects.select_related("issuer"))
    periods = rollup.report_periods(plan)
    if not periods:
        return plan, None, None, None, periods
    wanted = request.GET.get("period", "")
    chosen = next((p for p in periods if f"{p[0]}:{p[1]:%Y-%m-%d}" == wanted), None)
    if chosen is None:  # the latest period with figures, else the latest one
        counted = set(
            Report.objects.filter(plan=plan).counted().values_list("period", "period_end")
        )
        chosen = next((p for p in periods if (p[0], p[1]) in counted), periods[0])
    root = rollup.scope_node(plan)
    node = root
    node_id = request.GET.get("node", "")
    if re.fullmatch(r"[0-9]{1,18}", node_id):  # anything else (?node=abc) is ignored
        node = Organisation.objects.filter(pk=int(node_id)).first()
        if node is None or not node.path.startswith(root.path) or not can_see(request.user, node):
            raise Http404
    return plan, chosen, root, node, periods


@login_required
def dashboard(request, pk):
    plan, chosen, root, node, periods = _dashboard(request, pk)
    today = timezone.localdate()
    context = {"plan": plan, "periods": periods, "chosen": chosen, "today": today}
    if chosen:
        period, end, _label = chosen
        figures = rollup.rollup(plan, node, period, end)
        targets = [item.target for item in figures]
        by_target = {
            item.target.pk: item
            for item in rollup.series(plan, node, period, periods, targets=targets)
        }
        for item in figures:
            item.series = by_target.get(item.target.pk)
        by_kind, missing = rollup.completeness_by_kind(
            plan, period, end, today, node=None if node == root else node
        )
        previous = rollup.previous_period(periods, period, end)
        context.update(
            node=node,
            root=root,
            ancestors=[a for a in Organisation.objects.get_ancestors(node) if a.path >= root.path],
            figures=figures,
            jumps=rollup.jumps(plan, node, period, end, previous, targets=targets),
            by_kind=by_kind,
            missing=missing,
            missing_more=by_kind[-1].missing - len(missing) if by_kind else 0,
            completeness=rollup.completeness(plan, today),
            overdue=rollup.overdue_tasks(plan, today)[:50],
            reports=Paginator(
                Report.objects.filter(plan=plan, period=period, period_end=end)
                .select_related("organisation")
                .order_by("organisation__path"),
                PAGE_SIZE,
            ).get_page(request.GET.get("page")),
            period_key=f"{period}:{end:%Y-%m-%d}",
        )
    return render(request, "reports/dashboard.html", context)


@login_required
def dashboard_xlsx(request, pk):
    """The dashboard as a workbook: targets by unit, and reports by unit and period."""
    from openpyxl import Workbook

    plan, chosen, root, node, periods = _dashboard(request, pk)
    if not chosen:
        raise Http404("Kế hoạch chưa có kỳ báo cáo.")
    period, end, label = chosen
    book = Workbook()
    sheet = book.active
    sheet.title = "Chỉ tiêu"
    sheet.append([spreadsheet_safe(f"{plan.summary} – {label} – {node.name}")])
    sheet.append(["Chỉ tiêu", "Đơn vị", "Đạt được", "Tổng số", "Tỷ lệ (%)", "Số báo cáo"])
    for item in rollup.rollup(plan, node, period, end):
        for unit, figure in [*item.rows, (node, item.total)]:
            name = f"Cộng {node.name}" if figure is item.total else unit.name
            rate = round(float(figure.rate), 2) if figure.rate is not None else None
            sheet.append([spreadsheet_safe(item.target.label), spreadsheet_safe(name),
                          _number(figure.numerator), _number(figure.denominator), rate,
                          figure.reports])  # fmt: skip
        if item.note:  # a yearly rate or a decrease: its sum measures nothing the plan set
            sheet.append([spreadsheet_safe(item.target.label), item.note])
    style_table(sheet, 2, (50, 36, 12, 12, 12, 12))
    reports = book.create_sheet("Báo cáo")
    reports.append(["Đơn vị", "Kỳ", "Hạn", "Trạng thái", "Gửi lúc", "Đúng hạn"])
    for report in Report.objects.filter(plan=plan).select_related("organisation"):
        sent = (
            timezone.localtime(report.submitted_at).replace(tzinfo=None)
            if report.submitted_at
            else None
        )
        reports.append([spreadsheet_safe(report.organisation.name), report.label, report.due_on,
                        report.get_status_display(), sent,
                        "" if not sent else ("Trễ hạn" if report.is_late else "Đúng hạn")])  # fmt: skip
        reports.cell(reports.max_row, 3).number_format = "DD/MM/YYYY"
        reports.cell(reports.max_row, 5).number_format = "DD/MM/YYYY HH:MM"
    style_table(reports, 1, (36, 24, 12, 16, 18, 12))
    response = HttpResponse(
        workbook_bytes(book),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="tong-hop-{plan.pk}-{end:%Y-%m}.xlsx"'
    return response


def _number(value):
    return float(value) if value is not None else None


@login_required
@require_GET
def report_pdf(request, pk):
    return download_response(report_file, access_report(request.user, pk), "pdf")


@login_required
@require_GET
def report_docx(request, pk):
    return download_response(report_file, access_report(request.user, pk), "docx")
