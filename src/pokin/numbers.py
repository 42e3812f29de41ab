"""Numbers as planners write them: Rupiah and targets in Indonesian notation."""

from __future__ import annotations

import math
import re

from pokin.problems import shorten

# "372.250.370", "Rp 372.250.370", "Rp372.250.370,-", "372250370"
_RUPIAH_RE = re.compile(r"(?:rp\.?\s*)?(?P<num>\d{1,3}(?:\.\d{3})+|\d+)(?:,-|,00)?", re.IGNORECASE)
# "93,59", "93,59%", "1.250", "1.250,5", "100 %"
_TARGET_RE = re.compile(r"(?P<num>[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?)\s*(?P<pct>%)?")


class NumberFormatError(ValueError):
    """A number string that cannot be read without guessing."""


def parse_rupiah(value: object) -> int:
    """Whole Rupiah from a YAML integer or an Indonesian-notation string.

    Accepts ``372250370``, ``"372.250.370"`` and ``"Rp 372.250.370"``; rejects
    malformed grouping such as ``"13.2918.000"`` or ``"23. 000.000"``,
    fractions and negative amounts.
    """
    if isinstance(value, bool):
        raise NumberFormatError("anggaran harus berupa angka Rupiah, bukan ya/tidak")
    if isinstance(value, int):
        if value < 0:
            raise NumberFormatError(f"anggaran tidak boleh negatif ({value})")
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and value >= 0:
            return int(value)
        raise NumberFormatError(f"anggaran harus Rupiah utuh tanpa pecahan, bukan {value!r}")
    if isinstance(value, str):
        text = value.strip()
        match = _RUPIAH_RE.fullmatch(text)
        if match is None:
            raise NumberFormatError(_rupiah_hint(text))
        return int(match.group("num").replace(".", ""))
    raise NumberFormatError("anggaran harus berupa angka Rupiah")


def _rupiah_hint(text: str) -> str:
    shown = shorten(text, 40)
    if re.fullmatch(r"(?:rp\.?\s*)?[\d.\s]+", text, re.IGNORECASE):
        return (
            f"penulisan angka '{shown}' salah: pemisah ribuan harus tiap tiga digit "
            "tanpa spasi (contoh 13.298.000); periksa angka ini pada dokumen sumber"
        )
    if "," in text:
        return f"anggaran '{shown}' memakai koma desimal; anggaran adalah Rupiah utuh"
    return f"'{shown}' bukan angka Rupiah (contoh yang benar: 372250370 atau \"Rp 372.250.370\")"


def parse_target(value: object, percent_unit: bool) -> float | int:
    """A target number from a YAML number or an Indonesian-notation string.

    ``"93,59"`` is 93.59; ``"93,59%"`` is accepted when the unit is "%".
    """
    if isinstance(value, bool):
        raise NumberFormatError("target harus berupa angka, bukan ya/tidak")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise NumberFormatError("target harus berupa angka yang terhingga")
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _TARGET_RE.fullmatch(text)
        if match is None:
            shown = shorten(text, 40)
            raise NumberFormatError(
                f'target \'{shown}\' bukan angka (contoh: 93.59, "93,59" atau "93,59%")'
            )
        if match.group("pct") and not percent_unit:
            raise NumberFormatError(
                f"target '{text}' memakai tanda % tetapi satuan indikatornya bukan '%'"
            )
        num = match.group("num").replace(".", "").replace(",", ".")
        result = float(num)
        return int(result) if result.is_integer() and "," not in match.group("num") else result
    raise NumberFormatError("target harus berupa angka")


def format_rupiah(amount: int, prefix: bool = True) -> str:
    """``6312818993`` → ``"Rp 6.312.818.993"`` (Indonesian grouping)."""
    sign = "-" if amount < 0 else ""
    grouped = f"{abs(amount):,}".replace(",", ".")
    return f"{sign}Rp {grouped}" if prefix else f"{sign}{grouped}"


def format_number(value: float | int, decimals: int | None = None) -> str:
    """``93.59`` → ``"93,59"``; ``1250`` → ``"1.250"`` (Indonesian notation)."""
    if isinstance(value, int) or (decimals is None and float(value).is_integer()):
        return f"{int(value):,}".replace(",", ".")
    text = f"{value:,.{decimals}f}" if decimals is not None else f"{value:,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_percent(value: float, decimals: int = 2) -> str:
    """``0.9359`` share → ``"93,59%"``."""
    return format_number(round(value * 100, decimals), decimals) + "%"


def roman(n: int) -> str:
    """``3`` → ``III`` (the numbering of Tahap and CSF sections; 1 to 3999)."""
    out = []
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
