"""Seed 000: Kế hoạch 129/KH-LĐLĐ of 29/9/2020, Ban Thường vụ LĐLĐ tỉnh Bắc Giang.

Implements Đề án 216/ĐA-UBND (2020–2025) and committee plan 4035/KH-BCĐ; tasks carry sub-bullets
with their own timeframes. The extracted text shows the number struck out ("~~129~~"): it is 129.
"""

from datetime import date

from orgs.models import Person
from plans.models import Plan, Recipient, Section
from plans.services import add_duty, add_recipient, add_section, add_task, create_plan

TDDK = "Toàn dân đoàn kết xây dựng đời sống văn hóa"


def build(nodes, catalogue, by):
    movements, _indicators = catalogue
    issuer = nodes["ldld-bacgiang"]
    plan = create_plan(
        issuer=issuer,
        by=by,
        year=2020,
        # The plan carries out a 2020–2025 project; its tasks recur "hằng năm".
        end_year=2025,
        status=Plan.Status.ISSUED,
        number=129,
        issued_on=date(2020, 9, 29),
        symbol="KH-LĐLĐ",
        place="Bắc Giang",
        summary=(
            "Triển khai thực hiện Đề án số 216/ĐA-UBND, ngày 31/7/2020 của UBND tỉnh Bắc Giang "
            "về Nâng cao chất lượng phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” "
            "giai đoạn 2020-2025"
        ),
        movements=[movements[TDDK]],
        bases=(
            'Căn cứ Đề án số 216/ĐA-UBND ngày 31/7/2020 của UBND tỉnh về Nâng cao chất lượng Phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa" giai đoạn 2020-2025 (gọi tắt là Đề án 216); Kế hoạch số 4035/KH-BCĐ ngày 10/9/2020 của Ban chỉ đạo Phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa" tỉnh (gọi tắt là BCĐ phong trào tỉnh),'
        ),
        opening=(
            "Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch triển khai thực hiện "
            "Đề án 216 như sau:"
        ),
        closing=(
            "Ban Thường vụ Liên đoàn Lao động tỉnh yêu cầu các đơn vị tổ chức thực hiện "
            "nghiêm túc Kế hoạch này. /-/-"
        ),
        archive_line="Lưu: VT.",
        signer_name="Lê Đức Thọ",
        signer=Person.objects.filter(full_name="Lê Đức Thọ", organisation=issuer).first(),
    )

    add_section(
        plan,
        Section.Kind.PURPOSES,
        title="MỤC ĐÍCH, YÊU CẦU",
        body="\n".join(
            [
                'Phát huy vai trò, trách nhiệm của các cấp công đoàn trong việc hưởng ứng xây dựng Phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa", góp phần làm thay đổi nhận thức và hành động, tạo chuyển biến về chất lượng trong việc tổ chức thực hiện phong trào trong các cơ quan, đơn vị, doanh nghiệp và đoàn viên, công nhân, viên chức, lao động (CNVCLĐ) toàn tỉnh.',
                "Tăng cường sự phối hợp giữa công đoàn các cấp với các ngành thành viên BCĐ phong trào các cấp với hình thức đa dạng, phong phú, thiết thực, phù hợp với điều kiện và đảm bảo hiệu quả trong việc triển khai các nội dung của Đề án 216.",
            ]
        ),
    )

    tasks = add_section(plan, Section.Kind.TASKS, title="NỘI DUNG, THỜI GIAN THỰC HIỆN")
    joint = add_task(
        tasks,
        "Tham gia phối hợp với các cơ quan, đơn vị có liên quan thực hiện các nội dung trong Kế hoạch số 4035/KH-BCĐ ngày 10/9/2020 của BCĐ Phong trào về Kế hoạch tổng thể triển khai thực hiện Đề án số 216.",
    )
    add_task(
        tasks,
        "Phối hợp với Sở Nội vụ và các cơ quan đơn vị có liên quan tham mưu BCĐ Phong trào tỉnh hướng dẫn cơ cấu lại đầu mối cơ quan khối cấp ủy, UBND, Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị xã hội cấp huyện, thành phố; quy định đầu mối đăng ký, bình xét và đề nghị công nhận danh hiệu “Cơ quan đạt chuẩn văn hóa” cấp huyện, thành phố; ban hành hướng dẫn tiêu chí, tiêu chuẩn, bình xét và đề nghị công nhận “Cơ quan, đơn vị, doanh nghiệp đạt chuẩn văn hoá” tiêu biểu.",
        parent=joint,
        timeframe="tháng 11/2020",
    )
    add_task(
        tasks,
        "Phối hợp với Ban Tuyên giáo Tỉnh uỷ đẩy mạnh công tác tuyên truyền về phong trào toàn dân đoàn kết xây dựng đời sống văn hoá; phát huy tốt mạng lưới công tác viên dư luận xã hội, kịp thời nắm bắt tình hình tư tưởng của công nhân, viên chức, người lao động trong việc thực hiện các chủ trương của Đảng, chính sách pháp luật của Nhà nước về văn hoá, các vấn đề nảy sinh trong việc triển khai thực hiện phong trào tại địa phương, cơ quan, đơn vị, doanh nghiệp để kịp thời tham mưu với BCĐ Phong trào triển khai thực hiện hiệu quả.",
        parent=joint,
        timeframe="hằng năm",
    )
    add_task(
        tasks,
        "Phối hợp với Sở VH-TT-DL và các đơn vị có liên quan tổ chức các hoạt động văn hoá văn nghệ, thể dục, thể thao, các sân chơi văn hoá trong CNVCLĐ.",
        parent=joint,
        timeframe="hằng năm",
    )
    add_task(
        tasks,
        "Chủ trì phối hợp với Tỉnh đoàn Thanh niên và các đơn vị liên quan xây dựng kế hoạch và tổ chức thực hiện “Lễ cưới tập thể” cho thanh niên công nhân, người lao động tập trung chủ yếu tại các khu, cụm công nghiệp.",
        timeframe="hằng năm",
    )

    duties = add_section(plan, Section.Kind.IMPLEMENTATION, title="TỔ CHỨC THỰC HIỆN")
    add_duty(
        duties,
        "Liên đoàn Lao động tỉnh",
        "\n".join(
            [
                'Chỉ đạo tới các cấp công đoàn trong tỉnh triển khai thực hiện Đề án 216 về Phong trào "Toàn dân đoàn kết xây dựng đời sống văn hóa".',
                "Hằng năm, xây dựng kế hoạch thực hiện Phong trào trong đó chú trọng đến các hoạt động văn hoá, văn nghệ, thể dục thể thao trong CNVCLĐ và xây dựng các thiết chế văn hoá tại các khu, cụm công nghiệp.",
                "Giao Ban Tài chính xây dựng, tham mưu kinh phí tổ chức các hoạt động triển khai thực hiện Đề án.",
                "Giao Ban Tuyên giáo - Nữ công hằng năm tham mưu xây dựng kế hoạch tổ chức các hoạt động, theo dõi, kiểm tra, đôn đốc việc triển khai thực hiện Kế hoạch này.",
            ]
        ),
    )
    add_duty(
        duties,
        "Công đoàn cấp trên cơ sở và các công đoàn cơ sở trực thuộc Liên đoàn Lao động tỉnh",
        "\n".join(
            [
                "Xây dựng kế hoạch triển khai phù hợp với tình hình thực tế tại địa phương, đơn vị mình; tham mưu, đề xuất với BCĐ Phong trào cùng cấp các biện pháp để tổ chức thực hiện có hiệu quả trong đoàn viên và người lao động.",
                "Công đoàn Các khu công nghiệp tỉnh, các liên đoàn lao động huyện, thành phố chủ động phối hợp với đoàn thanh niên và các đơn vị liên quan cùng cấp xây dựng kế hoạch, dự toán kinh phí, huy động các nguồn lực xã hội hóa tổ chức lễ cưới tập thể cho thanh niên công nhân, người lao động.",
            ]
        ),
    )

    add_recipient(plan, 'BCD Phong trào "TĐĐKXDĐSVH" tỉnh (Số VHITDL)')
    for line in [
        "Tổng Liên đoàn Lao động Việt Nam",
        "Thường trực LĐLĐ tỉnh",
        "Các cấp công đoàn",
        "Các ban LĐLĐ tỉnh",
        "Lưu Ban TG-NC",
    ]:
        add_recipient(plan, line, kind=Recipient.Kind.ELECTRONIC)
    return plan
