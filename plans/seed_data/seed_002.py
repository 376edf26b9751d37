"""Seed 002: the 2020 plan of the ward committee of Quyết Tiến (Lai Châu), a draft.

Tasks are printed as a table (TT, Nội dung, Đơn vị chủ trì, Đơn vị phối hợp, Thời gian). The
second row of that table was split over two rows by the text extraction; it is one task here.
Unit names are kept as the plan printed them ("Ủy Ban mặt trận Tổ quốc Phường"), which differ
from the demo organisations' names, so they are text rather than links.
"""

from decimal import Decimal

from orgs.models import Person
from plans.models import Plan, Section, Target
from plans.services import add_duty, add_recipient, add_section, add_target, add_task, create_plan

Kind = Section.Kind
Cmp = Target.Comparator

BCD = "Ban chỉ đạo phong trào “TĐĐKXDĐSVH” Phường"
MTTQ = "Ủy Ban mặt trận Tổ quốc Phường"
MEMBERS = "Các thành viên BCD Phường"
GROUPS = "Các tổ dân phố"

BASES = [
    "Căn cứ Quyết định số 1972/QĐ-UBND, ngày 18/12/2019 của UBND thành phố Lai Châu về việc giao chỉ tiêu Kế hoạch phát triển kinh tế - xã hội năm 2020;",
    "Căn cứ Nghị quyết số 53/NQ-HĐND, ngày 20/12/2019 của HĐND phường Quyết Tiến về Kế hoạch phát triển kinh tế - xã hội năm 2020.",
    "Căn cứ Quyết định số 126/QĐ-UBND, ngày 31/12/2019 của UBND phường Quyết Tiến về việc giao chỉ tiêu Kế hoạch phát triển kinh tế - xã hội năm 2020;",
]

PURPOSES = [
    "1. Mục đích",
    "- Nâng cao hiệu quả hoạt động của Ban chỉ đạo phong trào “TĐĐKXDĐSVH” Phường Quyết Tiến; Đẩy mạnh triển khai các hoạt động phong trào “TĐĐKXDĐSVH” trên địa bàn Phường.",
    "- Đưa phong trào phát triển sâu rộng, toàn diện, tạo được sự quan tâm, tham gia hưởng ứng của đông đảo quần chúng Nhân dân trên toàn Phường.",
    "2. Yêu cầu",
    "Các hoạt động được triển khai đảm bảo tính thiết thực, hiệu quả, phù hợp với phong tục tập quán, truyền thống văn hóa, điều kiện thực tế của địa phương và đáp ứng được nhu cầu của Nhân dân.",
]

# (content, lead units, coordinating units, timeframe), in the order of the table.
TASKS = [
    (
        "Hướng dẫn các tổ dân phố trên địa bàn Thành phố đăng ký các danh hiệu văn hóa năm 2020, và tổng hợp kết quả đăng ký.",
        [BCD, MTTQ],
        ["Các thành viên BCĐ cấp Thành phố"],
        "Tháng 2,3",
    ),
    (
        "Tổ chức tập huấn bồi dưỡng, nâng cao nghiệp vụ về phong trào “TĐĐKXDĐSVH” cho thành viên BCD phong trào “TĐĐKXDĐSVH”; Trưởng ban Vận động phong trào “TĐĐKXDĐSVH”, Tổ trưởng tổ dân phố",
        [BCD, MTTQ],
        [GROUPS],
        "Tháng 4,5",
    ),
    (
        "Triển khai các hoạt động tuyên truyền về phong trào “TĐĐKXDĐSVH”",
        [BCD, MTTQ],
        [GROUPS],
        "Cả năm",
    ),
    (
        "Tổ chức họp Sơ kết việc thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hoá” 6 tháng đầu năm, triển khai nhiệm vụ 6 tháng cuối năm.",
        [BCD, MTTQ],
        [GROUPS],
        "Tháng 6,7",
    ),
    (
        "Kiểm tra, giám sát công tác triển khai thực hiện phong trào “TĐĐKXDĐSVH” tại các tổ dân phố.",
        [MTTQ],
        [MEMBERS, GROUPS],
        "Tháng 7,8",
    ),
    (
        "Kiểm tra cơ quan đơn vị trong việc thực hiện các tiêu chuẩn công nhận danh hiệu “ Cơ quan đạt chuẩn văn hóa, đơn vị đạt chuẩn văn hóa”",
        ["Công đoàn Phường"],
        [MEMBERS],
        "Tháng 9",
    ),
    (
        "Hướng dẫn bình xét các danh hiệu nếp sống văn hóa năm 2020; Hướng dẫn tổ chức các hoạt động Ngày hội Đại đoàn kết toàn dân tộc (18/11)",
        [MTTQ],
        [MEMBERS, GROUPS],
        "Tháng 10",
    ),
    (
        "Triển khai tổ chức các hoạt động Ngày hội Đại đoàn kết toàn dân tộc (18/11)",
        [MTTQ],
        [MEMBERS, GROUPS],
        "Tháng 11",
    ),
    (
        "Tổ chức họp tổng kết năm BCD phong trào “TĐĐKXD ĐSVH” Phường",
        ["Ban chỉ đạo phong trào “TĐĐKXD ĐSVH” Phường"],
        [MEMBERS, GROUPS],
        "Tháng 12",
    ),
]

# (printed sentence, indicator code, label, comparator, value, unit, denominator)
TARGETS = [
    ("Gia đình văn hóa đạt: 98,4%", "gia-dinh-van-hoa", "Gia đình văn hóa",
     Cmp.EXACTLY, "98.4", "%", None),
    ("Tổ dân phố văn hóa đạt: 8/8 tổ dân phố duy trì danh hiệu tổ dân phố văn hóa.",
     "thon-to-dan-pho-van-hoa", "Tổ dân phố văn hóa", Cmp.MAINTAIN, "8", "tổ dân phố", "8"),
    ("Cơ quan, đơn vị văn hóa đạt: 100%", "co-quan-dat-chuan-van-hoa", "Cơ quan, đơn vị văn hóa",
     Cmp.EXACTLY, "100", "%", None),
    ("Tuyển phố đạt tuyển phố văn minh đô thị: duy trì 9 tuyển phố văn minh", "tuyen-pho-van-minh",
     "Tuyến phố văn minh đô thị", Cmp.MAINTAIN, "9", "tuyến phố", None),
]  # fmt: skip

FUNDING = [
    "- Kinh phí triển khai thực hiện phong trào “ TDĐKXDĐSVH” từ nguồn ngân sách giao cho thường trực và Ban Chỉ đạo phong trào “TDĐKXDĐSVH” phường Quyết Tiến năm 2020.",
    "- Kinh phí được huy động từ nguồn xã hội hóa tại địa phương.",
]

# (unit, is_request, duty lines)
DUTIES = [
    (
        "Ủy ban MTTQ Phường",
        False,
        [
            "- Tham mưu cho Trưởng BCD xây dựng kế hoạch triển khai thực hiện phong trào “ TDĐKXDĐSVH” trên địa bàn phường năm 2020.",
            "- Căn cứ các nội dung hoạt động trọng tâm và văn bản chỉ đạo của Ban Chỉ đạo Thành phố, tham mưu Ban Chỉ đạo Phường văn bản triển khai cụ thể từng hoạt động sao cho phù hợp.",
            "- Phối hợp với các tổ chức đoàn thể, Công đoàn Phường chỉ đạo, hướng dẫn các tổ dân phố triển khai đăng ký, bình xét, khen thưởng và tổng hợp danh sách đề nghị công nhận các danh hiệu văn hóa, danh sách khen thưởng năm 2020.",
            "- Đẩy mạnh triển khai cuộc vận động “TDĐKXDĐSVH” ở khu dân cư. Tuyên truyền, vận động các tầng lớp Nhân dân, các dân tộc đoàn kết tham gia triển khai thực hiện phong trào.",
            "- Chủ trì, hướng dẫn, đôn đốc, kiểm tra công tác đăng ký xây dựng gia đình văn hóa, tổ dân phố văn hóa trên địa bàn Phường.",
            "- Chủ trì bình xét, tổng hợp và đề nghị công nhận danh hiệu gia đình văn hóa, tổ dân phố văn hóa năm 2020.",
        ],
    ),
    (
        "Công đoàn Phường",
        True,
        [
            "- Chủ trì phối hợp với Ban Chỉ đạo phong trào “TDĐKXDĐSVH” phường Quyết Tiến đẩy mạnh triển khai phong trào “ cơ quan, đơn vị văn hóa”, phong trào học tập, lao động sáng tạo trong công nhân, viên chức lao động.",
            "- Chủ trì, hướng dẫn, đôn đốc, kiểm tra công tác đăng ký, bình xét đề nghị công nhận cơ quan, đơn vị văn hóa trên địa bàn Phường.",
            "- Chủ trì bình xét, tổng hợp và đề nghị công nhận cơ quan đơn vị văn hóa năm 2020.",
        ],
    ),
    (
        "Công chức văn hóa xã hội phụ trách lĩnh vực văn hóa-thông tin",
        False,
        [
            "- Chủ trì Tham mưu BCD, rà soát, tổ chức ký cam kết thực hiện nêu cao các tiêu chí tuyến đường phố văn minh trên địa bàn phường.",
        ],
    ),
    (
        "Thành viên BCĐ Phường",
        False,
        [
            "- Phối hợp triển khai đồng bộ các hoạt động tuyên truyền, hướng dẫn ban vận động các tổ dân phố thực hiện có hiệu quả phong trào “TĐĐKXDĐSVH” trên địa bàn Phường.",
        ],
    ),
]

RECIPIENTS = [
    "BCĐ PT “TĐĐKXDĐSVH” Thành phố",
    "TT Đảng ủy, HĐND, UBND Phường",
    "Thành viên BCĐ PT “TĐĐKXDĐSVH” Phường",
    "Ban Vận động các tổ dân phố",
]


def build(nodes, catalogue, by):
    """Create seed plan 002 and return it."""
    movements, indicators = catalogue
    signer_name = "Hàng A Vàng"
    plan = create_plan(
        issuer=nodes["bcd-quyettien"],
        by=by,
        year=2020,
        summary="Triển khai thực hiện phong trào “TĐĐKXDĐSVH” trên địa phương Quyết Tiến năm 2020",
        status=Plan.Status.DRAFT,  # "Số: /KH - BCĐ", "ngày tháng năm 2020": no number, no month
        symbol="KH-BCĐ",
        place="Quyết Tiến",
        movements=[movements["Toàn dân đoàn kết xây dựng đời sống văn hóa"]],
        bases="\n".join(BASES),
        opening="Ban Chỉ đạo phong trào “TĐĐKXDĐSVH” phường Quyết Tiến xây dựng kế hoạch triển khai thực hiện phong trào “TĐĐKXDĐSVH” trên địa bàn Phường năm 2020 như sau:",
        closing="Trên đây là Kế hoạch triển khai thực hiện phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” trên địa bàn phường Quyết Tiến năm 2020. Yêu cầu các thành viên BCĐ tổ chức triển khai thực hiện tốt các nội dung của kế hoạch này./.",
        task_layout=Plan.TaskLayout.TABLE,
        archive_line="Lưu VT.",
        authority_lines="TM. BAN CHỈ ĐẠO\nKT. TRƯỞNG BAN",
        signer_position="PHÓ TRƯỞNG BAN",
        signer_second_position="PHÓ CHỦ TỊCH UBND PHƯỜNG",
        signer_name=signer_name,
        signer=Person.objects.filter(full_name=signer_name).first(),
    )

    add_section(plan, Kind.PURPOSES, title="MỤC ĐÍCH, YÊU CẦU", body="\n".join(PURPOSES))

    tasks = add_section(plan, Kind.TASKS, title="NỘI DUNG, THỜI GIAN THỰC HIỆN")
    for content, leads, supports, timeframe in TASKS:
        add_task(tasks, content, leads=leads, supports=supports, timeframe=timeframe)

    # The heading's "PHÂN ĐẦU" (for "PHẤN ĐẤU") is the plan's own spelling.
    targets = add_section(
        plan, Kind.TARGETS, title="CHỈ TIÊU PHÂN ĐẦU", item_style=Section.ItemStyle.DASHED
    )
    for text, code, label, comparator, value, unit, denominator in TARGETS:
        add_target(
            targets,
            label,
            indicator=indicators[code],
            comparator=comparator,
            value=Decimal(value),
            unit=unit,
            denominator=Decimal(denominator) if denominator else None,
            text=text,
        )

    add_section(plan, Kind.FUNDING, title="KINH PHÍ THỰC HIỆN", body="\n".join(FUNDING))

    implementation = add_section(plan, Kind.IMPLEMENTATION, title="TỔ CHỨC THỰC HIỆN")
    for unit, is_request, lines in DUTIES:
        add_duty(implementation, unit, "\n".join(lines), is_request=is_request)

    for text in RECIPIENTS:
        add_recipient(plan, text)
    return plan
