"""What each kind of document (Plan.Kind) is when printed and when started.

For every kind: its tên loại (the title word, none for a Công văn), its type code in the ký
hiệu (Nghị định 30/2020, Phụ lục III; LAYOUT.md §6), the word that names it in references
("Kèm theo Kế hoạch số …") and in lists, the header items it prints and the parts it starts
with (start_plan). plans/printing.py and plans/services.py read these; nothing here queries.
"""

from dataclasses import dataclass

from .models import Plan, Section

Kind = Plan.Kind
Part = Section.Kind


@dataclass(frozen=True)
class KindSpec:
    title: str  # tên loại, printed caps bold; "" for a Công văn
    code: str  # type code of the ký hiệu; "" for a Công văn (issuer-unit, e.g. BCĐ-VP)
    word: str  # the name in running text: "Kế hoạch", "Quyết định", "Công văn"
    parts: tuple  # (section kind, title) the document starts with
    numbered_parts: bool = True  # headings I., II. … (a letter or notice has one free body)
    addressees: bool = False  # "Kính gửi:" before the body (ô 9a)
    articles: bool = False  # "Điều 1." articles and the "QUYẾT ĐỊNH:" line
    attachable: bool = False  # may be issued or approved with a Quyết định

    @property
    def has_title(self):
        return bool(self.title)


PLAN_PARTS = tuple(
    (part, Section.DEFAULT_TITLES[part])
    for part in (Part.PURPOSES, Part.TARGETS, Part.TASKS, Part.FUNDING, Part.IMPLEMENTATION)
)

KINDS = {
    Kind.PLAN: KindSpec("KẾ HOẠCH", "KH", "Kế hoạch", PLAN_PARTS, attachable=True),
    Kind.GUIDANCE: KindSpec(
        "HƯỚNG DẪN",
        "HD",
        "Hướng dẫn",
        (
            (Part.PURPOSES, "MỤC ĐÍCH, YÊU CẦU"),
            (Part.FREE, "NỘI DUNG HƯỚNG DẪN"),
            (Part.IMPLEMENTATION, "TỔ CHỨC THỰC HIỆN"),
        ),
    ),
    Kind.PROGRAMME: KindSpec("CHƯƠNG TRÌNH", "CTr", "Chương trình", PLAN_PARTS),
    Kind.JOINT_PROGRAMME: KindSpec(
        "CHƯƠNG TRÌNH PHỐI HỢP",
        "CTr",
        "Chương trình phối hợp",
        (
            (Part.PURPOSES, "MỤC ĐÍCH, YÊU CẦU"),
            (Part.TASKS, "NỘI DUNG PHỐI HỢP"),
            (Part.IMPLEMENTATION, "TỔ CHỨC THỰC HIỆN"),
        ),
    ),
    Kind.SCHEME: KindSpec(
        "ĐỀ ÁN",
        "ĐA",
        "Đề án",
        (
            (Part.FREE, "SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN"),
            (Part.PURPOSES, "MỤC TIÊU"),
            (Part.TASKS, "NHIỆM VỤ VÀ GIẢI PHÁP"),
            (Part.FUNDING, "KINH PHÍ THỰC HIỆN"),
            (Part.IMPLEMENTATION, "TỔ CHỨC THỰC HIỆN"),
        ),
        attachable=True,
    ),
    Kind.NOTICE: KindSpec("THÔNG BÁO", "TB", "Thông báo", ((Part.FREE, ""),), numbered_parts=False),
    Kind.REPORT: KindSpec(
        "BÁO CÁO",
        "BC",
        "Báo cáo",
        (
            (Part.FREE, "KẾT QUẢ THỰC HIỆN"),
            (Part.FREE, "TỒN TẠI, HẠN CHẾ"),
            (Part.FREE, "PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        ),
        addressees=True,
    ),
    Kind.DECISION: KindSpec(
        "QUYẾT ĐỊNH",
        "QĐ",
        "Quyết định",
        ((Part.ARTICLE, ""), (Part.ARTICLE, ""), (Part.ARTICLE, "")),
        articles=True,
    ),
    Kind.REGULATION: KindSpec(
        "QUY CHẾ",
        "QC",
        "Quy chế",
        (
            (Part.ARTICLE, "Phạm vi điều chỉnh và đối tượng áp dụng"),
            (Part.ARTICLE, "Nguyên tắc làm việc"),
            (Part.ARTICLE, "Nhiệm vụ, quyền hạn"),
        ),
        articles=True,
        attachable=True,
    ),
    Kind.LETTER: KindSpec(
        "", "", "Công văn", ((Part.FREE, ""),), numbered_parts=False, addressees=True
    ),
}


def spec(kind):
    """The KindSpec of a Plan.Kind value (a Kế hoạch for anything unknown)."""
    return KINDS.get(kind, KINDS[Kind.PLAN])


def default_symbol(kind, issuer_symbol):
    """The ký hiệu a new document starts with: "HD-BCĐ"; a Công văn "BCĐ-VP" is typed by the
    user from the issuer's symbol and the drafting unit, so it starts as the issuer's."""
    code = spec(kind).code
    if not code:
        return issuer_symbol or "CV"
    return f"{code}-{issuer_symbol}" if issuer_symbol else code


def kind_word(plan):
    """'Kế hoạch', 'Quyết định' … as a document is called in running text."""
    return spec(plan.kind).word


ATTACHABLE = [kind for kind, value in KINDS.items() if value.attachable]
