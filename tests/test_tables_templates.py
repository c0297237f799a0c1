"""The templates as data: keys of the spec, label variants on real lines, relations."""

import pytest

from gxlint.document import Text
from gxlint.tables import templates as T


def compact(line: str) -> str:
    return Text.synthetic(line, 0).compact.value


def test_requests_template_has_the_25_rows_of_the_spec_in_order():
    keys = [r.key for r in T.REQUESTS_2021.data_rows()]
    assert len(keys) == 25
    assert keys[:3] == ["received", "carried_over", "granted"]
    assert keys[-2:] == ["total_processed", "carried_forward"]
    assert "refused.third_party" in keys and "other.fee_unpaid" in keys
    assert [c.key for c in T.REQUEST_COLUMNS] == [
        "natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total",
    ]
    assert "refused.third_party.total" in T.REQUESTS_2021.cell_keys()


def test_2019_requests_has_single_other_row():
    keys = [r.key for r in T.REQUESTS_2019.data_rows()]
    assert "other" in keys and "other.other" not in keys and len(keys) == 23


def test_active_keys():
    assert T.ACTIVE_2021.cell_keys() == [
        "regulations.issued", "regulations.repealed", "regulations.in_force",
        "normative_documents.issued", "normative_documents.repealed", "normative_documents.in_force",
        "licensing.decisions", "penalties.decisions", "coercion.decisions", "fees.amount",
    ]
    assert T.ACTIVE_2021.value_kind("fees.amount") == "money"
    keys_2019 = T.ACTIVE_2019.cell_keys()
    assert "licensing.change" in keys_2019 and "procurement.amount" in keys_2019
    assert "other_services.decisions" in keys_2019 and "fees.previous" in keys_2019
    assert T.ACTIVE_2019.value_kind("penalties.change") == "signed"


def test_appeal_keys():
    assert T.APPEAL_KEYS[:5] == ("review.upheld", "review.corrected", "review.other", "review.pending", "review.total")
    assert "suit_direct.total" in T.APPEAL_KEYS and len(T.APPEAL_KEYS) == 15


def _matches(spec: T.RowSpec, line: str) -> tuple[bool, bool] | None:
    view = compact(line)
    for regex, variant, _ in spec.regexes:
        if regex.search(view):
            return True, variant
    return None


@pytest.mark.parametrize(
    "key, line, variant",
    [
        # real lines: seeds (Traditional + pinyin), corpus PDF text, HTML
        ("refused.state_secret", "1.屬于國(guó)家秘密", False),
        ("refused.prohibited_by_law", "2.其他法律行政止公开 0 0 0", True),  # corpus 001 typo
        ("refused.prohibited_by_law", "2.其他法律行政法規(guī)禁止公開(kāi)", False),
        ("partly_granted", "（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）", False),
        ("partly_granted", "(二)部分公開(區分處理的,只計這一情形,不計其他情形)", False),
        ("not_processed.reconfirm", "5.要求行政机关确认或重 新出具\n已获取信息", False),
        ("other.no_correction", "1、申请人无正当理由逾期不补\n正、行政机关不再处理其政府信\n息公开申请", False),
        ("other.other", "3、其他 108 2 0 0 0 0 110", False),
        ("received", "一、本年新收政府信息公开(kāi)申請(qǐng)數(shù)量", False),
        ("carried_forward", "四、結(jié)轉(zhuǎn)下年度繼續(xù)辦理", False),
        ("total_processed", "（七）總計(jì)", False),
    ],
)
def test_request_label_variants_on_real_lines(key, line, variant):
    spec = T.REQUESTS_2021.row(key)
    assert _matches(spec, line) == (True, variant)


def test_bare_other_is_not_the_other_row():
    spec = T.REQUESTS_2021.row("other.other")
    assert _matches(spec, "法律服务机构 其他 总计") is None


@pytest.mark.parametrize(
    "key, line, variant",
    [
        ("normative_documents", "| 规范性文件 | 13 | 0 | 55 |", True),  # corpus 005
        ("normative_documents", "行政規(guī)范性文件", False),
        ("article_20_1", "第二十条 第（一）项", False),  # corpus 003: space inside
        ("article_20_1", "第二十條第(一)項(xiàng)", False),
        ("fees", "行政事業(yè)性收費(fèi)", False),
    ],
)
def test_active_label_variants(key, line, variant):
    assert _matches(T.ACTIVE_2021.row(key), line) == (True, variant)


def test_2019_signatures_on_seed_001_labels():
    found = {label for label, regex in T.SIGNATURE_REGEXES if regex.search(compact("本年新 公開(kāi)數(shù)量 本年增/減 采購(gòu)項渴� 采購(gòu)總金額"))}
    assert {"本年新公开数量", "本年增/减", "采购项目数量"} <= found
    assert not any(r.search(compact("本年制发件数 本年废止件数 现行有效件数 本年处理决定数量")) for _, r in T.SIGNATURE_REGEXES)


def test_numbering_is_absorbed_before_labels():
    assert T.NUMBERING_BEFORE.search("0000000" + "2.")
    assert T.NUMBERING_BEFORE.search("(三)")
    assert T.NUMBERING_BEFORE.search("三、")
    assert not T.NUMBERING_BEFORE.search("0 0 0")


def test_relations_are_data():
    names = {r.name for r in T.REQUESTS_2021.relations}
    assert {"R1", "R2", "R3", "R4"} <= names
    r2 = next(r for r in T.REQUESTS_2021.relations if r.name == "R2")
    assert len(r2.right) == 2 + 8 + 3 + 5 + 3
    r2_2019 = next(r for r in T.REQUESTS_2019.relations if r.name == "R2")
    assert "other" in r2_2019.right and len(r2_2019.right) == 2 + 8 + 3 + 5 + 1
    r5 = T.APPEALS.relations[0]
    assert r5.groups == ("review", "suit_direct", "suit_after_review")
