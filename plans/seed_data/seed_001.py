"""Seed 001: draft plan of Sở Lao động - Thương binh và Xã hội tỉnh Bắc Giang for 2024.

A draft: blank number and day, month 02. The extracted symbol reads "KH-LĐTĐ&XH", a typo for
"KH-LĐTBXH". The reporting regime (6 months before 10/6, the year before 10/11) is an item of
"Tổ chức thực hiện" in the text and a pair of ReportingRule rows in meaning.
"""

from orgs.models import Person
from plans.models import Plan, ReportingRule, Section
from plans.services import add_duty, add_recipient, add_section, add_task, create_plan

TDDK = "Toàn dân đoàn kết xây dựng đời sống văn hóa"


def build(nodes, catalogue, by):
    movements, _indicators = catalogue
    issuer = nodes["sldtbxh-bacgiang"]
    plan = create_plan(
        issuer=issuer,
        by=by,
        year=2024,
        status=Plan.Status.DRAFT,
        planned_month=2,
        symbol="KH-LĐTBXH",
        place="Bắc Giang",
        summary=(
            "Triển khai thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm 2024"
        ),
        movements=[movements[TDDK]],
        bases=(
            "Thực hiện Kế hoạch số 30/KH-BCĐ ngày 05/02/2024 của Ban chỉ đạo Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa và công tác gia đình tỉnh Bắc Giang về triển khai thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” (TĐĐKXDĐSVH) năm 2024."
        ),
        opening=(
            "Sở Lao động - Thương binh và Xã hội (Sở Lao động - TB&XH) xây dựng kế hoạch "
            "triển khai thực hiện như sau:"
        ),
        closing=(
            "Trên đây là Kế hoạch thực hiện phong trào TĐĐKXDĐSVH năm 2024 của Sở Lao động – "
            "TB&XH. Đề nghị các phòng, đơn vị trực thuộc Sở tập trung chỉ đạo, triển khai "
            "thực hiện./."
        ),
        archive_line="Lưu: VT, VP.",
        authority_lines="KT. GIÁM ĐỐC",
        signer_position="PHÓ GIÁM ĐỐC",
        signer_name="Trương Đức Huấn",
        signer=Person.objects.filter(full_name="Trương Đức Huấn", organisation=issuer).first(),
    )

    # The seed numbers its purposes itself; body lines are printed as typed.
    add_section(
        plan,
        Section.Kind.PURPOSES,
        title="MỤC ĐÍCH, YÊU CẦU",
        body="\n".join(
            [
                "1. Đẩy mạnh phát triển Phong trào trong toàn ngành cả về chiều rộng và chiều sâu, nội dung thiết thực, tránh hình thức góp phần đưa phong trào TĐĐKXDĐSVH của tỉnh đạt hiệu quả thiết thực, nhằm tạo sự chuyển biến tích cực và sâu rộng trên mọi lĩnh vực của đời sống xã hội.",
                "2. Tăng cường các hoạt động phối hợp với các cơ quan, ban, ngành đoàn thể bằng các hình thức đa dạng, phong phú, thiết thực, hiệu quả để triển khai thực hiện các nội dung của Phong trào.",
                "3. Tập trung triển khai thực hiện các nội dung của phong trào nhằm củng cố khối đại đoàn kết toàn dân, nâng cao nhận thức của cấp ủy, tổ chức đảng, chính quyền; chấn chỉnh kỷ cương, đẩy lùi bệnh hình thức, đặc biệt chú trọng xây dựng môi trường lành mạnh, văn hóa ứng xử nơi công cộng, trên môi trường mạng, văn hóa giao thông...",
            ]
        ),
    )

    tasks = add_section(plan, Section.Kind.TASKS, title="NỘI DUNG")
    for content in [
        "Tiếp tục triển khai các nội dung tại Quyết định số 2214/QĐ-TTg ngày 28/12/2021 của Thủ tướng Chính phủ, Hướng dẫn số 58/HD-TLĐ ngày 10/5/2022 của Tổng Liên đoàn Lao động Việt Nam về triển khai thực hiện hiệu quả phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”; xây dựng cơ quan, đơn vị, văn hóa.",
        # One paragraph in the original, broken across a page in the extracted text.
        "Tiếp tục chỉ đạo triển khai thực hiện có hiệu quả các nội dung Đề án số 216/ĐA-UBND ngày 31/7/20220 của UBND tỉnh về nâng cao chất lượng phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” giai đoạn 2021 - 2025, Kế hoạch số 4035/KH-BCĐ ngày 10/9/2020 của BCĐ Phong trào tỉnh về triển khai các nội dung của Đề án số 216;",
        "Đẩy mạnh công tác tuyên truyền, vận động cán bộ, công chức, viên chức, người lao động thực hiện có hiệu quả Nghị quyết số 13-NQ/BCSĐ ngày 05/12/2023 của Ban cán sự đảng UBND tỉnh về xây dựng nếp sống văn minh trong việc cưới, việc tang trên địa bàn tỉnh Bắc Giang và Kế hoạch số 208/KH-UBND ngày 23/12/2023 của UBND tỉnh về triển khai thực hiện Nghị quyết trên; Bộ quy tắc ứng xử nơi công cộng và môi trường mạng trên địa bàn tỉnh Bắc Giang ban hành kèm theo Quyết định số 1200/QĐ- UBND ngày 17/8/2023 của UBND tỉnh; tuyên truyền những tấm gương điển hình tiên tiến, phê phán những biểu hiện lệch chuẩn trong xã hội... lan tỏa những tin tích cực trên tinh thần “lấy cái đẹp dẹp cái xấu”.",
        'Chỉ đạo triển khai, xây dựng tư tưởng chính trị lành mạnh; xây dựng nếp sống văn minh, kỷ cương xã hội; sống và làm việc theo pháp luật; xây dựng môi trường văn hóa sạch - đẹp - an toàn và xây dựng các thiết chế văn hóa, thể thao, cụ thể hóa thành những nội dung, tiêu chí đưa vào các phong trào cụ thể ở các đơn vị trong ngành để triển khai thực hiện. Tổ chức tốt các phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa", Phong trào xây dựng "người tốt, việc tốt", xây dựng "Gia đình văn hóa", "Cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hóa", phong trào "Toàn dân rèn luyện thân thể theo gương Bác Hồ vĩ đại", phong trào "Toàn dân bảo vệ an ninh, phòng chống tội phạm, giúp đỡ người lầm lỗi", phong trào "Học tập, lao động, sáng tạo"... trong toàn ngành và ở từng đơn vị.',
        "Lãnh đạo, chỉ đạo toàn ngành tiếp tục nâng cao trách nhiệm thực thi công vụ; thực hiện đầy đủ, kịp thời, hiệu quả các nhiệm vụ quản lý nhà nước theo chức năng của ngành. Tổ chức và triển khai thực hiện tốt các chế độ, chính sách; thực hiện có hiệu quả các dịch vụ công trên các lĩnh vực do ngành quản lý. Nâng cao chất lượng cải cách thủ tục hành chính.",
    ]:
        add_task(tasks, content)

    # The seed numbers two items "3."; the app numbers them 1–6 in order.
    duties = add_section(plan, Section.Kind.IMPLEMENTATION, title="TỔ CHỨC THỰC HIỆN")
    add_duty(
        duties,
        "Phòng Bảo trợ xã hội",
        "Chủ trì, tham mưu triển khai các nội dung liên quan đến phong trào “Đoàn kết giúp nhau xóa đói giảm nghèo”; đảm bảo các chính sách, pháp luật, phúc lợi xã hội trong các gia đình nghèo; ổn định đời sống vật chất và tinh thần của các đối tượng bảo trợ xã hội trên địa bàn tỉnh.",
    )
    add_duty(
        duties,
        "Phòng Người có công",
        "Chủ trì, tham mưu triển khai các chính sách, pháp luật, phúc lợi xã hội trong các gia đình chính sách người có công trên địa bàn tỉnh, để đảm bảo mức sống của gia đình người có công bằng hoặc cao hơn mức sống trung bình của cộng đồng dân cư nơi cư trú.",
    )
    add_duty(
        duties,
        "Các phòng, đơn vị trực thuộc Sở",
        "\n".join(
            [
                "- Tiếp tục đẩy mạnh tuyên truyền, động viên cán bộ, công chức và người lao động nhiệt tình hưởng ứng, tham gia các phong trào thi đua, các cuộc vận động do các cấp phát động, đặc biệt là phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”, “Thực hiện văn hóa công sở”. Thực hiện tốt văn hóa công sở, chấp hành kỷ luật, kỷ cương hành chính; chú trọng thực hiện các chuẩn mức trong giao tiếp, ứng xử, nhất là việc thực hiện nghiêm các tiêu chuẩn đạo đức của cán bộ, công chức và người lao động.",
                "- Căn cứ chức năng nhiệm vụ được giao, tham mưu phối hợp xây dựng hướng dẫn chi tiết tiêu chuẩn xét tặng danh hiệu “Gia đình văn hóa”, “Thôn, tổ dân phố văn hóa”, “Xã, phường, thị trấn tiêu biểu” (theo Nghị định số 86/2023/NĐ-CP ngày 07/12/2023 của Chính phủ quy định về khung tiêu chuẩn và trình tự, thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”, “Thôn, tổ dân phố văn hóa”, “Xã, phường, thị trấn tiêu biểu”) theo đề nghị của cơ quan thường trực Ban chỉ đạo tỉnh.",
            ]
        ),
    )
    add_duty(
        duties,
        "Ban Biên tập Trang thông tin điện tử Sở",
        "Đăng tải các nội dung Nghị quyết số 13-NQ/BCSD ngày 05/12/2023 của Ban cán sự đảng UBND tỉnh về xây dựng nếp sống văn minh trong việc cưới, việc tang trên địa bàn tỉnh Bắc Giang và Kế hoạch số 208/KH-UBND ngày 23/12/2023 của UBND tỉnh về triển khai thực hiện Nghị quyết trên; Bộ quy tắc ứng xử nơi công cộng và môi trường mạng trên địa bàn tỉnh Bắc Giang ban hành kèm theo Quyết định số 1200/QĐ- UBND ngày 17/8/2023 của UBND tỉnh và biểu dương cách làm mới, sáng tạo, hiệu quả, các điển hình tiên tiến về thực hiện Phong trào nhằm khơi dậy ý thức trách nhiệm của tập thể, cá nhân, cộng đồng, nêu cao trách nhiệm của đảng viên, người đứng đầu cấp ủy, chính quyền các cấp trên Trang thông tin điện tử của Sở.",
    )
    add_duty(
        duties,
        "Văn phòng Sở",
        "Theo dõi, kiểm tra, đôn đốc và hướng dẫn thực hiện kế hoạch này; Định kỳ tổng hợp, tham mưu báo cáo kết quả thực hiện theo quy định.",
    )
    add_duty(
        duties,
        "Chế độ báo cáo",
        # One paragraph in the original, broken across a page in the extracted text.
        "Các phòng, đơn vị trực thuộc Sở tổ chức triển khai thực hiện nghiêm túc, có hiệu quả các nội dung nêu tại kế hoạch này. Báo cáo kết quả thực hiện 6 tháng (trước ngày 10/6) và 01 năm (trước ngày 10/11) gửi về Văn phòng Sở để tổng hợp báo cáo theo quy định.",
    )
    for period, day, month in [
        (ReportingRule.Period.HALF_YEAR, 10, 6),
        (ReportingRule.Period.YEARLY, 10, 11),
    ]:
        ReportingRule.objects.create(
            plan=plan,
            period=period,
            due_day=day,
            due_month=month,
            reporters=ReportingRule.Reporters.SUBORDINATES,
            report_to=None,  # Văn phòng Sở is a part of the issuer, not a unit of the tree
            report_to_text="Văn phòng Sở",
        )

    for line in [
        "Sở Văn hóa – TT&DL",
        "Lãnh đạo Sở",
        "Các phòng, đơn vị trực thuộc Sở",
        "BBT Website",
    ]:
        add_recipient(plan, line)
    return plan
