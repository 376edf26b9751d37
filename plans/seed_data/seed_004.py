"""Seed 004: LĐLĐ tỉnh Ninh Bình, one plan for two movements and a campaign, 2021–2025.

The extracted text shows no number, date or place line: the plan is kept as a draft with no
planned month. Markdown emphasis (* and **) in the extraction is formatting and is dropped.
Monthly reporting is written in the closing paragraph and held as a ReportingRule.
"""

from orgs.models import Person
from plans.models import Plan, ReportingRule, Section
from plans.services import add_duty, add_recipient, add_section, add_task, create_plan

NTM = "Cả nước chung sức xây dựng nông thôn mới"
POOR = "Vì người nghèo – Không để ai bỏ lại phía sau"
CAMPAIGN = "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"


def build(nodes, catalogue, by):
    movements, _indicators = catalogue
    issuer = nodes["ldld-ninhbinh"]
    plan = create_plan(
        issuer=issuer,
        by=by,
        year=2021,
        end_year=2025,
        status=Plan.Status.DRAFT,
        symbol="KH-LĐLĐ",
        place="Ninh Bình",
        summary=(
            "Tổ chức thực hiện phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới”; "
            "phong trào thi đua “Vì người nghèo – Không để ai bỏ lại phía sau” "
            "và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” "
            "giai đoạn 2021-2025"
        ),
        movements=[movements[NTM], movements[POOR], movements[CAMPAIGN]],
        bases=(
            "Thực hiện Kế hoạch số 75-KH/BDVTU ngày 18/7/2022 của Ban Dân vận Tỉnh ủy về công tác dân vận thực hiện Phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” giai đoạn 2021-2025 trên địa bàn tỉnh Ninh Bình; Kế hoạch số 152/KH-MTTQ-BTT ngày 11/8/2022 của Ủy ban Mặt trận Tổ quốc Việt Nam (UBMTTQ VN) tỉnh về triển khai thực hiện Phong trào thi đua “Vì người nghèo – Không để ai bỏ lại phía sau” giai đoạn 2021-2025 và Kế hoạch số 155/KH-MTTQ-BTT ngày 12/8/2022 của UBMTTQ VN tỉnh về thực hiện Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” giai đoạn 2021-2025 (sau đây gọi tắt là phong trào thi đua và cuộc vận động);"
        ),
        opening=(
            "Liên đoàn Lao động tỉnh xây dựng kế hoạch tổ chức thực hiện phong trào thi đua "
            "và cuộc vận động như sau:"
        ),
        closing=(
            "Ban Thường vụ LĐLĐ tỉnh yêu cầu các cấp công đoàn phối hợp với chuyên môn, khẩn trương triển khai, thực hiện; hàng tháng báo cáo kết quả thực hiện về LĐLĐ tỉnh (qua Ban Chính sách pháp luật và Quan hệ lao động) theo quy định (báo cáo kết quả thực hiện cùng với báo cáo tháng của đơn vị). Trong quá trình thực hiện nếu có vướng mắc báo cáo về Liên đoàn Lao động tỉnh (qua Ban CSPL&QHLD) để kịp thời giải quyết."
        ),
        archive_line="Lưu VT, CSPL&QHLD.",
        authority_lines="TM. BAN THƯỜNG VỤ",
        signer_position="PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        signer_name="Trần Kim Long",
        signer=Person.objects.filter(full_name="Trần Kim Long", organisation=issuer).first(),
    )

    add_section(
        plan,
        Section.Kind.PURPOSES,
        title="MỤC ĐÍCH, YÊU CẦU",
        body="\n".join(
            [
                "1. Mục đích",
                "Tuyên truyền, vận động cán bộ, đoàn viên, CNVCLĐ khơi dậy ý thức tự lực, tự cường, nội lực vươn lên thoát nghèo, xây dựng cuộc sống ấm no, hạnh phúc góp phần thực hiện thắng lợi chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước về phát triển kinh tế - xã hội, đảm bảo an sinh xã hội, chăm lo đời sống cho đoàn viên, CNVCLĐ có hoàn cảnh khó khăn, đặc biệt là thực hiện Nghị quyết Đại hội Đảng bộ tỉnh Ninh Bình lần thứ XXII, Nghị quyết số 09-NQ/TU ngày 26/11/2021 của Ban Thường vụ Tỉnh ủy về giảm nghèo bền vững tỉnh Ninh Bình giai đoạn 2021-2025 và Nghị quyết số 08-NQ/TU ngày 08/11/2022 của BCH Đảng bộ tỉnh xây dựng nông thôn mới giai đoạn 2021-2025.",
                "Phát huy vai trò, trí tuệ, cổ vũ, động viên cán bộ, đoàn viên hiến kế, đề xuất các sáng kiến, giải pháp nâng cao năng suất, chất lượng, tạo ra nhiều sản phẩm đạt chất lượng cao, đủ sức cạnh tranh khi tham gia hội nhập khu vực và quốc tế.",
                "2. Yêu cầu",
                "Phong trào thi đua và cuộc vận động phải được phát động đều khắp, sâu rộng, thường xuyên, liên tục ở tất cả các cấp công đoàn.",
                "Việc tổ chức triển khai phong trào thi đua và cuộc vận động phải thiết thực, hiệu quả, tiết kiệm có sản phẩm, rõ thành tích, rõ điển hình, tránh phô trương, hình thức, lãng phí.",
            ]
        ),
    )

    # Each task is a heading line followed by its paragraphs.
    tasks = add_section(plan, Section.Kind.TASKS, title="NỘI DUNG THỰC HIỆN")
    for paragraphs in [
        [
            "Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức về Phong trào thi đua và cuộc vận động",
            "Các cấp công đoàn tổ chức tuyên truyền về phong trào thi đua với các hình thức phù hợp điều kiện của từng cấp công đoàn để mỗi cán bộ, đoàn viên công đoàn, CNVCLĐ nhận thức sâu sắc về mục đích, ý nghĩa, nội dung của phong trào thi đua và cuộc vận động, từ đó chủ động, tích cực, tự giác tham gia.",
            "Đẩy mạnh công tác tuyên truyền, phổ biến sâu rộng các chủ trương, đường lối của Đảng về xây dựng nông thôn mới, đô thị văn minh; gắn việc tuyên truyền về phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” và cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” với phong trào thi đua “vì sự nghiệp CNH, HĐH nông nghiệp và xây dựng nông thôn mới” do công đoàn phát động.",
            "Tổ chức các hoạt động tuyên truyền về Tháng cao điểm “Vì người nghèo” từ 17/10 đến 18/11 hằng năm; vận động các cơ quan, đơn vị, cán bộ, đoàn viên, CNVCLĐ tham gia ủng hộ, giúp đỡ người nghèo, CNVCLĐ có hoàn cảnh khó khăn đặc biệt thông qua Quỹ “Đền ơn đáp nghĩa và an sinh xã hội” và thực hiện các chương trình an sinh xã hội, thăm, tặng quà Tết cho người nghèo, CNVCLĐ có hoàn cảnh khó khăn.",
            "Giới thiệu các gương điển hình, mô hình, những cách làm hay, có hiệu quả trong xây dựng nông thôn mới, vệ sinh môi trường, phát triển kinh tế - xã hội, giảm nghèo bền vững, biểu dương các đơn vị, tổ chức, cá nhân có nhiều thành tích trong vận động, giúp đỡ người nghèo. Đồng thời, xây dựng, nhân rộng các mô hình “Khu nhà trọ văn minh” trong các doanh nghiệp.",
        ],
        [
            "Tổ chức phong trào thi đua và Cuộc vận động",
            "Tổ chức phát động và đăng ký thi đua, thực hiện phong trào thi đua Lao động giỏi, lao động sáng tạo tạo ra những sản phẩm tiêu biểu, cải tiến quy trình trong lao động sản xuất góp phần xây dựng nông thôn mới, đô thị văn minh; khuyến khích cán bộ công đoàn nhất là cán bộ công đoàn chuyên trách đăng ký đề tài, sáng kiến liên quan đến việc thực hiện chức năng, nhiệm vụ của tổ chức công đoàn.",
            # One paragraph in the original, broken across a page in the extracted text.
            "Công đoàn cơ sở thành lập “Tổ hỗ trợ sáng kiến”, “Tổ uơm mầm ý tưởng” để nắm bắt, hỗ trợ, hướng dẫn cá nhân nêu ý tưởng, phát huy ý tưởng và triển khai thực hiện ý tưởng và lập hồ sơ đề nghị công nhận sáng kiến góp phần quan trọng cho phát triển kinh tế - xã hội, giảm nghèo bền vững của tỉnh; đồng thời, tích cực tham gia Chương trình “01 triệu sáng kiến nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid – 19” do Tổng Liên đoàn phát động.",
            "Đẩy mạnh thực hiện phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động” trong các cấp, các ngành và cơ quan, đơn vị với các hình thức thi đua “Xây dựng cơ quan đơn vị văn hoá”, “Góc xưởng sạch, đẹp, an toàn” góp phần xây dựng cơ quan, doanh nghiệp văn hóa.",
        ],
        [
            "Kiểm tra, đánh giá việc thực hiện phong trào và cuộc vận động",
            "Thực hiện giám sát, phản biện xã hội theo đúng chức năng, nhiệm vụ của tổ chức công đoàn; thường xuyên củng cố và nâng cao chất lượng hoạt động của tổ chức; phản ánh những kiến nghị, đề xuất của đoàn viên đến các cấp công đoàn để tổng hợp phản ánh đến các cơ quan chức năng giải quyết.",
            "Phát huy vai trò của đoàn viên công đoàn trong giám sát thực hiện các chính sách giảm nghèo, hỗ trợ người nghèo, việc rà soát, bình xét hộ nghèo, hộ cận nghèo và các chương trình giảm nghèo hàng năm.",
        ],
    ]:
        add_task(tasks, "\n".join(paragraphs))

    duties = add_section(plan, Section.Kind.IMPLEMENTATION, title="TỔ CHỨC THỰC HIỆN")
    add_duty(
        duties,
        "Liên đoàn Lao động tỉnh",
        "\n".join(
            [
                "Ban hành Kế hoạch triển khai thực hiện phong trào thi đua và Cuộc vận động đến các cấp công đoàn.",
                "Căn cứ nội dung phong trào thi đua và Cuộc vận động chỉ đạo, đôn đốc các công đoàn trực thuộc tích cực triển khai thực hiện phong trào; quan tâm đến công tác phát hiện, biểu dương, khen thưởng các tập thể, cá nhân có nhiều sáng kiến, sáng tạo, trong công tác, lao động sản xuất góp phần xây dựng nông thôn mới, nông thôn mới nâng cao, kiểu mẫu, đô thị văn minh, giảm nghèo bền vững.",
                "Tổ chức sơ kết, tổng kết và tổng hợp kết quả thực hiện phong trào thi đua và Cuộc vận động báo cáo Ban Dân vận và UBMTTQVN tỉnh.",
                "Giao Ban CSPL&QHLĐ là bộ phận thường trực tham mưu triển khai, theo dõi, kiểm tra, đôn đốc thực hiện kế hoạch và báo cáo Ban Thường vụ LĐLĐ tỉnh.",
                "Giao Ban Tuyên giáo tham mưu, phối hợp với các cơ quan truyền thông, báo chí tuyên truyền về Phong trào thi đua, Cuộc vận động và các tập thể, cá nhân điển hình tiên tiến trong các cấp công đoàn.",
            ]
        ),
    )
    add_duty(
        duties,
        "Công đoàn cấp trên trực tiếp cơ sở và công đoàn cơ sở",
        "\n".join(
            [
                "Xây dựng kế hoạch và tổ chức Phong trào thi đua, Cuộc vận động cụ thể hóa các nội dung, mục tiêu, phương thức phù hợp với điều kiện thực tiễn để triển khai có hiệu quả phong trào; chủ động, sáng tạo, linh hoạt về cách làm.",
                # One paragraph in the original, broken across a page in the extracted text.
                "Kịp thời phát hiện, biểu dương, khen thưởng các tập thể, cá nhân có nhiều sáng kiến, sáng tạo, đổi mới, hiệu quả trong công tác, lao động sản xuất góp phần xây dựng nông thôn mới, nông thôn mới nâng cao, kiểu mẫu, đô thị văn minh, giảm nghèo bền vững và hoạt động công đoàn.",
                "Hàng năm tổ chức sơ kết, tổng kết và tổng hợp kết quả thực hiện phong trào báo cáo công đoàn cấp trên trực tiếp.",
            ]
        ),
    )

    # "hàng tháng ... theo quy định (cùng với báo cáo tháng của đơn vị)": the plan names no day.
    ReportingRule.objects.create(
        plan=plan,
        period=ReportingRule.Period.MONTHLY,
        due_day=None,
        due_month=None,
        reporters=ReportingRule.Reporters.SUBORDINATES,
        report_to=issuer,
        report_to_text="LĐLĐ tỉnh (qua Ban Chính sách pháp luật và Quan hệ lao động)",
    )

    for line in [
        "Ban Dân vận Tỉnh ủy",
        "UB MTTQVN tỉnh",
        "LĐLĐ các H, TP, CDN (Website LĐLĐ tỉnh)",
    ]:
        add_recipient(plan, line)
    return plan
