"""Seed 003: plan 34/KH-BCĐ of 28/02/2023 of the commune committee of Quyết Thắng (Lạng Sơn).

Nine tasks printed as paragraphs, each with "Thực hiện / Phối hợp thực hiện / Thời gian thực
hiện". Task 4 was cut in two by a page break in the extracted text; it is one paragraph here.
Unit names are kept as the plan printed them ("Công đoàn cơ sở xã", "MTTQ"), which differ from
the demo organisations' names, so they are text rather than links.
"""

from datetime import date
from decimal import Decimal

from orgs.models import Person
from plans.models import Plan, Section, Target
from plans.services import add_duty, add_recipient, add_section, add_target, add_task, create_plan

Kind = Section.Kind
Cmp = Target.Comparator

CCVH = "Công chức Văn hóa - Xã hội xã"
MTTQ_DT = ["MTTQ", "các ngành đoàn thể"]
USUAL_SUPPORTS = [*MTTQ_DT, "các thành viên BCD và các thôn trên địa bàn"]

PURPOSES = [
    "1. Mục đích",
    "- Tăng cường sự quan tâm, lãnh đạo, chỉ đạo của cấp ủy đảng, chính quyền trong quá trình triển khai, thực hiện Phong trào. Đẩy mạnh công tác phối hợp đồng bộ, thường xuyên, linh hoạt với MTTQ các ngành đoàn thể trong việc triển khai các kế hoạch, chương trình, đề án về công tác phong trào.",
    "- Tiếp tục đổi mới nội dung, nâng cao chất lượng hoạt động các phong trào, cuộc vận động, tạo sự kết nối mật thiết giữa tổ chức thực hiện Phong trào với thực hiện các nhiệm vụ xây dựng nông thôn mới và các phong trào vận động quần chúng khác.",
    "- Đẩy mạnh tuyên truyền vận động Nhân dân tích cực hưởng ứng, tham gia đưa Phong trào phát triển sâu rộng, bền vững, xây dựng môi trường văn hóa lành mạnh, phong phú, giữ gìn những giá trị văn hóa tốt đẹp của dân tộc, củng cố khối đại đoàn kết toàn dân, chung sức xây dựng nông thôn mới, đô thị văn minh góp phần ổn định chính trị, giữ gìn an ninh, trật tự an toàn xã hội, tạo động lực cho sự phát triển bền vững của địa phương.",
    "- Thường xuyên đổi mới nội dung, phương thức hoạt động của Ban Chỉ đạo. Thực hiện nghiêm túc, toàn diện, đồng bộ các nhiệm vụ, giải pháp để nâng cao hiệu quả trong triển khai thực hiện Phong trào phù hợp với yêu cầu thực tiễn. Gắn việc tổ chức thực hiện các nội dung, nhiệm vụ của phong trào với việc thực hiện các chương trình, kế hoạch phát triển Kinh tế - Xã hội, An ninh - Quốc phòng trên địa bàn xã.",
    "2. Yêu cầu",
    "- Các ngành thành viên Ban Chỉ đạo Phong trào tiếp tục tăng cường sự phối hợp chặt chẽ trong quá trình tổ chức triển khai thực hiện Phong trào.",
    "- Đẩy mạnh và duy trì thường xuyên công tác tuyên truyền vận động gắn với những biện pháp cụ thể triển khai phong trào phù hợp thực tế, đảm bảo thiết thực, hiệu quả, tránh hình thức, lãng phí.",
]

# (printed sentence, indicator code, label, comparator, value, unit)
TARGETS = [
    ("Tỷ lệ gia đình văn hóa: 86% trở lên.", "gia-dinh-van-hoa", "Tỷ lệ gia đình văn hóa",
     Cmp.AT_LEAST, "86", "%"),
    ("Tỷ lệ thôn, khu phố văn hóa: 100%.", "thon-to-dan-pho-van-hoa",
     "Tỷ lệ thôn, khu phố văn hóa", Cmp.EXACTLY, "100", "%"),
    ("Tỷ lệ cơ quan, đơn vị, doanh nghiệp văn hóa: 100%.", "co-quan-dat-chuan-van-hoa",
     "Tỷ lệ cơ quan, đơn vị, doanh nghiệp văn hóa", Cmp.EXACTLY, "100", "%"),
    ("Phấn đấu đạt thêm 01 tiêu chí xây dựng nông thôn mới.", "tieu-chi-nong-thon-moi",
     "Tiêu chí xây dựng nông thôn mới đạt thêm", Cmp.INCREASE_BY, "1", "tiêu chí"),
    ("Thu hút 45% trở lên số người dân tham gia vào các hoạt động văn hóa, văn nghệ, thể dục, thể thao.",
     "nguoi-dan-tham-gia-van-hoa-the-thao",
     "Số người dân tham gia vào các hoạt động văn hóa, văn nghệ, thể dục, thể thao",
     Cmp.AT_LEAST, "45", "%"),
]  # fmt: skip

# (content, lead units, coordinating units, timeframe), in the order of the plan.
TASKS = [
    (
        "Quán triệt thực hiện đầy đủ chủ trương của Đảng, chính sách pháp luật của Nhà nước, triển khai văn bản chỉ đạo của Ban Chỉ đạo Trung ương, Ban Chỉ đạo tỉnh, huyện về thực hiện Phong trào đảm bảo tính đồng bộ, hiệu quả, phù hợp với tình hình thực tế của địa phương.",
        ["Công chức Văn hóa - Xã hội"],
        USUAL_SUPPORTS,
        "Cả năm 2023",
    ),
    (
        "Xây dựng Kế hoạch thực hiện Phong trào giai đoạn 2021 - 2026 theo Quyết định số 2214/QĐ-TTg ngày 28/12/2021 của Thủ tướng Chính phủ Phê duyệt Chương trình thực hiện “Toàn dân đoàn kết xây dựng đời sống văn hóa” giai đoạn 2021 - 2026.",
        [CCVH],
        USUAL_SUPPORTS,
        "Quý I năm 2023",
    ),
    (
        "Xây dựng Chương trình phối hợp hoạt động xây dựng đời sống văn hóa, nâng cao hiệu quả hoạt động thể dục, thể thao của cán bộ, công chức, viên chức, trong các cơ quan, đơn vị trên địa bàn xã, giai đoạn 2022 - 2026.",
        [CCVH],
        [*MTTQ_DT, "Công đoàn cơ sở xã và CĐCS các cơ quan đơn vị trên địa bàn"],
        "Quý I năm 2023",
    ),
    (
        "Tiếp tục triển khai thực hiện có hiệu quả Nghị quyết số 18/2020/NQ-HĐND ngày 14/12/2020 của HĐND tỉnh quy định chính sách hỗ trợ xây dựng nhà văn hóa thôn đạt chuẩn, sân tập thể dục thể thao xã trên địa bàn huyện Hữu Lũng giai đoạn 2021-2025; Quyết định số 800/QĐ-UBND ngày 14/4/2021 của UBND tỉnh về phê duyệt Đề án phát triển hệ thống thiết chế văn hóa, thể thao tỉnh Lạng Sơn giai đoạn 2021-2025, định hướng đến năm 2030 nhằm hoàn thiện hệ thống thiết chế văn hóa, thể thao cơ sở.",
        [CCVH],
        USUAL_SUPPORTS,
        "Cả năm 2023",
    ),
    (
        "Thực hiện nghiêm túc, chặt chẽ, khách quan, công bằng trong việc đăng ký, bình xét và công nhận các danh hiệu văn hóa trong Phong trào theo đúng văn bản quy định.",
        [CCVH],
        # The doubled full stop is the plan's own.
        [
            "Ủy ban Mặt trận Tổ quốc",
            "Công đoàn cơ sở xã",
            "các thành viên BCD và các thôn trên địa bàn..",
        ],
        "Cả năm 2023",
    ),
    (
        "Tiếp tục triển khai có hiệu quả xây dựng xã đạt chuẩn văn hóa nông thôn mới; Kết hợp, lồng ghép các nội dung của Phong trào với triển khai thực hiện các nhiệm vụ phát triển kinh tế - xã hội của xã năm 2023.",
        ["Công chức Văn hóa - Xã hội", "Công chức phụ trách Nông thôn mới xã"],
        USUAL_SUPPORTS,
        "Cả năm 2023",
    ),
    (
        "Xây dựng chuyên mục, viết tin, bài tuyên truyền, dành nhiều thời lượng phản ánh sinh động các nội dung Phong trào và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới. Tuyên truyền trên hệ thống truyền thanh của xã; trang thông tin điện tử xã... Các nội dung tuyên truyền phải có tính định hướng, giáo dục, nhằm nâng cao nhận thức cho mọi người dân về Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
        [CCVH],
        USUAL_SUPPORTS,
        "Cả năm 2023",
    ),
    (
        "Tham mưu trình công nhận danh hiệu “Cơ quan, đơn vị đạt chuẩn văn hóa” 05 năm giai đoạn 2019 - 2023.",
        [CCVH],
        [*MTTQ_DT, "CĐCS xã"],
        "Quý III năm 2023",
    ),
    (
        "Thực hiện một số nhiệm vụ công tác khác theo chỉ đạo của Ban Chỉ đạo tỉnh, huyện.",
        [CCVH],
        USUAL_SUPPORTS,
        "Cả năm 2023",
    ),
]

# (unit, is_request, duty lines)
DUTIES = [
    (
        CCVH,
        False,
        [
            "- Là thường trực Ban Chỉ đạo Phong trào xã tham mưu, giúp Trưởng Ban Chỉ đạo xã triển khai thực hiện các nội dung của Kế hoạch; đôn đốc, kiểm tra việc thực hiện nhiệm vụ của thành viên Ban Chỉ đạo Phong trào xã, các ngành đoàn thể, các thôn trong việc triển khai thực hiện Kế hoạch.",
        ],
    ),
    (
        "Ủy ban Mặt trận Tổ quốc xã",
        True,
        [
            "- Phối hợp với các ngành đoàn thể, các tổ chức chính trị, xã hội tuyên truyền vận động đoàn viên, hội viên và Nhân dân tham gia hưởng ứng Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
            "- Chỉ đạo triển khai thực hiện xây dựng gia đình văn hóa, khu dân cư văn hóa và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
            "- Chủ trì, phối hợp với UBND xã, các ngành chỉ đạo, hướng dẫn tổ chức Ngày hội Đại đoàn kết toàn dân tộc (18/11) gắn với biểu dương khen thưởng gia đình văn hóa, thôn văn hóa.",
        ],
    ),
    (
        "Công đoàn cơ sở xã",
        False,
        [
            "- Tổ chức triển khai thực hiện công tác vận động, đăng ký thực hiện và đề nghị công nhận danh hiệu “Cơ quan, đơn vị đạt chuẩn văn hóa”.",
        ],
    ),
    (
        "Công chức Địa chính - Xây dựng phụ trách Nông thôn mới xã",
        False,
        [
            "Triển khai, hướng dẫn, chỉ đạo thực hiện công tác đảm bảo vệ sinh môi trường theo chức năng, nhiệm vụ được giao; xử lý tốt môi trường chăn nuôi nhằm giảm thiểu tác động của các yếu tố tiêu cực đến môi trường sống. Tăng cường áp dụng các quy trình sản xuất tốt, giảm thiểu tác động môi trường...",
        ],
    ),
    (
        "Các ngành đoàn thể xã thành viên Ban Chỉ đạo xã",
        False,
        [
            "Chủ động phối hợp với Công chức Văn hóa - Xã hội và UB MTTQ xã tổ chức tuyên truyền vận động các đoàn viên, hội viên và Nhân dân tham gia hưởng ứng Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
        ],
    ),
    (
        "Các thôn",
        False,
        [
            "- Căn cứ kế hoạch hoạt động của Ban Chỉ đạo xã, triển khai các hoạt động cụ thể để thực hiện Phong trào.",
            "- Phối hợp với các ngành đoàn thể, các tổ chức chính trị, xã hội tuyên truyền vận động Nhân dân tham gia hưởng ứng Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.",
            "- Triển khai thực hiện xây dựng gia đình văn hóa, khu dân cư văn hóa và Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới”.",
        ],
    ),
]

# (text, note)
RECIPIENTS = [
    ("Phòng VHHTT huyện", "(b/c)"),
    ("TT ĐU, HĐND xã", "(b/c)"),
    ("CT, PCT UBND xã", ""),
    ("Các TV BCD xã", ""),
    ("Các cơ quan, đơn vị, các thôn", ""),
]


def build(nodes, catalogue, by):
    """Create seed plan 003 and return it."""
    movements, indicators = catalogue
    signer_name = "Lại Văn Thơm"
    plan = create_plan(
        issuer=nodes["bcd-quyetthang"],
        by=by,
        year=2023,
        summary="Thực hiện nhiệm vụ trọng tâm Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” năm 2023 trên địa bàn xã Quyết Thắng",
        status=Plan.Status.ISSUED,
        number=34,
        issued_on=date(2023, 2, 28),
        symbol="KH-BCĐ",
        place="Quyết Thắng",
        movements=[movements["Toàn dân đoàn kết xây dựng đời sống văn hóa"]],
        bases="Căn cứ nội dung thực hiện Phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” năm 2023;",
        opening="Ban Chỉ đạo Phong trào “TĐĐKXDĐSVH” xã Quyết Thắng xây dựng Kế hoạch thực hiện các nhiệm vụ trọng tâm trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” năm 2023 như sau:",
        closing="Trên đây là kế hoạch triển khai thực hiện các nhiệm vụ trọng tâm phong trào toàn dân đoàn kết xây dựng đời sống văn hóa năm 2023 của Ban chỉ đạo phong trào toàn dân đoàn kết xây dựng đời sống văn hóa xã Quyết Thắng yêu các thành viên BCD, các thôn nghiêm túc triển khai thực hiện./.",
        task_layout=Plan.TaskLayout.PARAGRAPHS,
        archive_line="Lưu: VP.",
        # The head signs in his own name: no "TM." line above "TRƯỞNG BAN".
        authority_lines="",
        signer_position="TRƯỞNG BAN",
        signer_second_position="CHỦ TỊCH UBND XÃ",
        signer_name=signer_name,
        signer=Person.objects.filter(full_name=signer_name).first(),
    )

    add_section(plan, Kind.PURPOSES, title="MỤC ĐÍCH, YÊU CẦU", body="\n".join(PURPOSES))

    # "PHẤN ĐÁU" is the plan's own spelling.
    targets = add_section(plan, Kind.TARGETS, title="CÁC CHỈ TIÊU PHẤN ĐÁU NĂM 2023")
    for text, code, label, comparator, value, unit in TARGETS:
        add_target(
            targets,
            label,
            indicator=indicators[code],
            comparator=comparator,
            value=Decimal(value),
            unit=unit,
            text=text,
        )

    tasks = add_section(plan, Kind.TASKS, title="NỘI DUNG")
    for content, leads, supports, timeframe in TASKS:
        add_task(tasks, content, leads=leads, supports=supports, timeframe=timeframe)

    implementation = add_section(plan, Kind.IMPLEMENTATION, title="TỔ CHỨC THỰC HIỆN")
    for unit, is_request, lines in DUTIES:
        add_duty(implementation, unit, "\n".join(lines), is_request=is_request)

    for text, note in RECIPIENTS:
        add_recipient(plan, text, note=note)
    return plan
