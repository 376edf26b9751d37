"""Reports move from the plans app into their own app. The tables stay as they are (this
migration only tells Django's state that the models now live here); 0002 renames them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('orgs', '0002_people_and_committees'),
        ('plans', '0004_reports'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Report',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period', models.CharField(choices=[('monthly', 'Hằng tháng'), ('quarterly', 'Hằng quý'), ('half_year', '6 tháng'), ('nine_months', '9 tháng'), ('yearly', 'Năm'), ('final', 'Tổng kết')], max_length=12, verbose_name='kỳ')),
                        ('period_start', models.DateField(verbose_name='từ ngày')),
                        ('period_end', models.DateField(verbose_name='đến ngày')),
                        ('label', models.CharField(max_length=80, verbose_name='kỳ báo cáo')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='hạn gửi')),
                        ('status', models.CharField(choices=[('due', 'Chưa lập'), ('draft', 'Đang soạn'), ('submitted', 'Đã gửi'), ('returned', 'Bị trả lại'), ('accepted', 'Đã tiếp nhận')], default='due', max_length=10, verbose_name='trạng thái')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='gửi lúc')),
                        ('from_subordinates', models.BooleanField(default=False, help_text='Số liệu cộng từ báo cáo của đơn vị cấp dưới: không tính lại khi tổng hợp.', verbose_name='tổng hợp từ cấp dưới')),
                        ('results', models.TextField(blank=True, max_length=20000, verbose_name='kết quả đạt được')),
                        ('shortcomings', models.TextField(blank=True, max_length=20000, verbose_name='tồn tại, hạn chế')),
                        ('causes', models.TextField(blank=True, max_length=20000, verbose_name='nguyên nhân')),
                        ('directions', models.TextField(blank=True, max_length=20000, verbose_name='phương hướng, nhiệm vụ')),
                        ('proposals', models.TextField(blank=True, max_length=20000, verbose_name='đề xuất, kiến nghị')),
                        ('signer_position', models.CharField(blank=True, max_length=120, verbose_name='chức vụ người ký')),
                        ('signer_name', models.CharField(blank=True, max_length=120, verbose_name='họ tên người ký')),
                        ('version', models.PositiveIntegerField(default=1)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='orgs.organisation', verbose_name='đơn vị báo cáo')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='plans.plan')),
                        ('report_to', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports_received', to='orgs.organisation', verbose_name='gửi tới')),
                        ('rule', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reports', to='plans.reportingrule')),
                    ],
                    options={
                        'db_table': 'plans_report',
                        'verbose_name': 'báo cáo',
                        'verbose_name_plural': 'báo cáo',
                        'ordering': ['due_on', 'organisation__path', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('action', models.CharField(choices=[('edited', 'Sửa'), ('submitted', 'Gửi báo cáo'), ('returned', 'Trả lại'), ('accepted', 'Tiếp nhận')], max_length=10)),
                        ('at', models.DateTimeField(auto_now_add=True)),
                        ('from_status', models.CharField(blank=True, max_length=10)),
                        ('to_status', models.CharField(blank=True, max_length=10)),
                        ('comment', models.TextField(blank=True, max_length=4000)),
                        ('changes', models.JSONField(default=list)),
                        ('snapshot', models.JSONField(default=dict)),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='reports.report')),
                    ],
                    options={
                        'db_table': 'plans_reportevent',
                        'verbose_name': 'lịch sử báo cáo',
                        'verbose_name_plural': 'lịch sử báo cáo',
                        'ordering': ['report', 'at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='TargetActual',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('numerator', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='tử số')),
                        ('denominator', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True, verbose_name='mẫu số')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actuals', to='reports.report')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actuals', to='plans.target')),
                    ],
                    options={
                        'db_table': 'plans_targetactual',
                        'verbose_name': 'số liệu chỉ tiêu',
                        'verbose_name_plural': 'số liệu chỉ tiêu',
                        'ordering': ['report', 'target__order', 'target_id'],
                    },
                ),
                migrations.CreateModel(
                    name='TaskProgress',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('status', models.CharField(choices=[('not_started', 'Chưa thực hiện'), ('in_progress', 'Đang thực hiện'), ('done', 'Đã hoàn thành')], default='not_started', max_length=12, verbose_name='tình hình')),
                        ('result', models.TextField(blank=True, max_length=20000, verbose_name='kết quả')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='reports.report')),
                        ('task', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress', to='plans.task')),
                    ],
                    options={
                        'db_table': 'plans_taskprogress',
                        'verbose_name': 'tiến độ nhiệm vụ',
                        'verbose_name_plural': 'tiến độ nhiệm vụ',
                        'ordering': ['report', 'task__section__order', 'task__order', 'task_id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='report',
                    index=models.Index(fields=['plan', 'period', 'period_end'], name='plans_report_period'),
                ),
                migrations.AddConstraint(
                    model_name='report',
                    constraint=models.UniqueConstraint(fields=('plan', 'organisation', 'period', 'period_start'), name='plans_report_unique_unit_period'),
                ),
                migrations.AddConstraint(
                    model_name='report',
                    constraint=models.CheckConstraint(condition=models.Q(('period_end__gte', models.F('period_start'))), name='plans_report_period_order'),
                ),
                migrations.AddConstraint(
                    model_name='targetactual',
                    constraint=models.UniqueConstraint(fields=('report', 'target'), name='plans_targetactual_unique'),
                ),
                migrations.AddConstraint(
                    model_name='targetactual',
                    constraint=models.CheckConstraint(condition=models.Q(('numerator__isnull', True), ('numerator__gte', 0), _connector='OR'), name='plans_targetactual_numerator_positive'),
                ),
                migrations.AddConstraint(
                    model_name='targetactual',
                    constraint=models.CheckConstraint(condition=models.Q(('denominator__isnull', True), ('denominator__gt', 0), _connector='OR'), name='plans_targetactual_denominator_positive'),
                ),
                migrations.AddConstraint(
                    model_name='taskprogress',
                    constraint=models.UniqueConstraint(fields=('report', 'task'), name='plans_taskprogress_unique'),
                ),
            ],
            database_operations=[],
        ),
    ]
