"""Chinese numerals as written in reports: years, dates and ordinals."""

from __future__ import annotations

# 〇/○/零 (and a Latin O typed for 〇 in 二O二三) are zero in a year written digit by digit.
DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(s: str) -> int | None:
    """``二〇二四`` → 2024 (digit by digit); ``十二`` → 12, ``三十一`` → 31, ``12`` → 12.

    None when ``s`` is empty or not a number written this way.
    """
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if "十" in s:
        left, _, right = s.partition("十")
        tens = DIGITS.get(left, None) if left else 1
        ones = DIGITS.get(right, None) if right else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    value = 0
    for ch in s:
        if ch not in DIGITS:
            return None
        value = value * 10 + DIGITS[ch]
    return value
