"""Numbers as planners write them: Rupiah and targets in Indonesian notation."""

from __future__ import annotations

import math
import re

from pokin.problems import shorten

#: The largest anggaran and the largest target magnitude pokin accepts:
#: 10^18 - 1 (beyond any Indonesian budget, and exact in a 64-bit spreadsheet cell).
MAX_AMOUNT = 10**18 - 1
#: Digits a number may have at most (the pattern bound of the JSON Schema too).
MAX_DIGITS = len(str(MAX_AMOUNT))

# The patterns below are written so that Python and the JSON Schema (ECMA
# regular expressions) read them alike; pokin.model builds the schema from them.
#: "372.250.370", "Rp 372.250.370", "Rp372.250.370,-", "372250370"
RUPIAH_PATTERN = r"(?:[Rr][Pp]\.?\s*)?([0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,-|,00)?"
#: "93,59", "93,59%", "1.250", "1.250,5", "100 %", "50 persen"
TARGET_PATTERN = (
    r"([-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?)\s*(%|[Pp][Ee][Rr][Ss][Ee][Nn])?"
)
_RUPIAH_RE = re.compile(RUPIAH_PATTERN)
_TARGET_RE = re.compile(TARGET_PATTERN)
_COMMA_THOUSANDS = re.compile(r"[-+]?(?:[Rr][Pp]\.?\s*)?[0-9]{1,3}(?:,[0-9]{3}){2,}(?:\.[0-9]+)?")
_POINT_DECIMAL = re.compile(r"[-+]?[0-9]+\.[0-9]+\s*%?")
_PERCENT_WORDS = frozenset(("%", "persen", "persen(%)", "(%)", "prosen"))


def is_percent_unit(satuan: object) -> bool:
    """Whether an indikator's ``satuan`` means percent: "%", "persen", "Persen (%)"."""
    if not isinstance(satuan, str):
        return False
    return "".join(satuan.split()).lower() in _PERCENT_WORDS


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
        return _bounded(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and value >= 0:
            return _bounded(int(value))
        raise NumberFormatError(f"anggaran harus Rupiah utuh tanpa pecahan, bukan {value!r}")
    if isinstance(value, str):
        text = value.strip()
        match = _RUPIAH_RE.fullmatch(text)
        if match is None:
            raise NumberFormatError(_rupiah_hint(text))
        digits = match.group(1).replace(".", "")
        if len(digits.lstrip("0")) > MAX_DIGITS:
            raise NumberFormatError(_too_large("anggaran", text))
        return _bounded(int(digits))
    raise NumberFormatError("anggaran harus berupa angka Rupiah")


def _too_large(what: str, text: str) -> str:
    shown = shorten(text, 30)
    return (
        f"{what} '{shown}' terlalu besar (paling besar {MAX_DIGITS} digit); "
        "periksa angka ini pada dokumen sumber"
    )


def _bounded(amount: int) -> int:
    if amount > MAX_AMOUNT:
        raise NumberFormatError(_too_large("anggaran", str(amount)[:30] + "…"))
    return amount


def _rupiah_hint(text: str) -> str:
    shown = shorten(text, 40)
    if re.fullmatch(r"(?:rp\.?\s*)?[\d.\s]+", text, re.IGNORECASE):
        return (
            f"penulisan angka '{shown}' salah: pemisah ribuan harus tiap tiga digit "
            "tanpa spasi (contoh 13.298.000); periksa angka ini pada dokumen sumber"
        )
    if _COMMA_THOUSANDS.fullmatch(text):
        fixed = text.replace(".", "").replace(",", ".")
        return (
            f"anggaran '{shown}' memakai koma sebagai pemisah ribuan; dalam penulisan "
            f'Indonesia pemisah ribuan adalah titik ("{shorten(fixed, 40)}") atau tulis '
            "angkanya tanpa pemisah"
        )
    if "," in text:
        return f"anggaran '{shown}' memakai koma desimal; anggaran adalah Rupiah utuh"
    return f"'{shown}' bukan angka Rupiah (contoh yang benar: 372250370 atau \"Rp 372.250.370\")"


def parse_target(value: object, percent_unit: bool) -> float | int:
    """A target number from a YAML number or an Indonesian-notation string.

    ``"93,59"`` is 93.59; ``"93,59%"`` (or ``"93,59 persen"``) is accepted
    when the unit is a percent unit (see :func:`is_percent_unit`).
    """
    if isinstance(value, bool):
        raise NumberFormatError("target harus berupa angka, bukan ya/tidak")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise NumberFormatError("target harus berupa angka yang terhingga")
        if abs(value) > MAX_AMOUNT:
            raise NumberFormatError(_too_large("target", str(value)[:30]))
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _TARGET_RE.fullmatch(text)
        if match is None:
            raise NumberFormatError(_target_hint(text))
        if match.group(2) and not percent_unit:
            raise NumberFormatError(
                f"target '{shorten(text, 40)}' memakai tanda % tetapi satuan indikatornya "
                "bukan '%' atau 'persen'"
            )
        num = match.group(1).replace(".", "").replace(",", ".")
        if len(num.split(".")[0].lstrip("+-0")) > MAX_DIGITS:
            raise NumberFormatError(_too_large("target", text))
        if "," not in match.group(1):  # a whole number: exact, never through a float
            return int(num)
        return float(num)
    raise NumberFormatError("target harus berupa angka")


def _target_hint(text: str) -> str:
    shown = shorten(text, 40)
    if _POINT_DECIMAL.fullmatch(text):
        number = text.rstrip("% ").strip()
        return (
            f"target '{shown}' dalam tanda kutip memakai titik desimal, padahal dalam teks "
            "titik adalah pemisah ribuan; tulis angkanya tanpa tanda kutip "
            f'(target: {number}) atau dengan koma desimal (target: "{number.replace(".", ",")}")'
        )
    if _COMMA_THOUSANDS.fullmatch(text):
        return (
            f"target '{shown}' memakai koma sebagai pemisah ribuan; dalam penulisan Indonesia "
            f'pemisah ribuan adalah titik ("{text.replace(",", ".")}") atau tulis angkanya '
            "tanpa pemisah"
        )
    return f'target \'{shown}\' bukan angka (contoh: 93.59, "93,59" atau "93,59%")'


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


#: The months as Indonesian documents name them (dates, realisasi periods).
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
