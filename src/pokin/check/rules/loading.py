"""Codes reported while reading a plan (YAML and schema) and by the engine."""

from __future__ import annotations

from pokin.check.rules.registry import declare

declare(
    "Y001",
    "yaml-syntax",
    "yaml",
    """
    The file is not valid YAML (indentation, a colon inside unquoted text, an unclosed quote).

    Failing:
        kinerja: Terwujudnya: korban bencana tertangani
    Passing:
        kinerja: "Terwujudnya: korban bencana tertangani"
""",
)
declare(
    "Y002",
    "duplicate-key",
    "yaml",
    """
    The same key is written twice in one mapping; the second value is ignored.

    Failing:
        anggaran: 372250370
        anggaran: 349150370
    Passing:
        anggaran: 372250370
""",
)
declare(
    "Y003",
    "alias",
    "yaml",
    """
    YAML anchors and aliases (&name / *name) and merge keys are refused.

    A plan writes every fact once, and an alias could let a small file expand
    into a huge one.

    Failing:
        indikator: *indikator-bencana
    Passing:
        indikator:
          - uraian: Persentase korban bencana yang menerima bantuan sosial
            satuan: "%"
""",
)
declare(
    "Y004",
    "encoding",
    "yaml",
    """
    The file is not UTF-8 text, or holds control characters.

    Save the file as UTF-8 (a BOM and CRLF line endings are fine).
""",
)
declare(
    "Y005",
    "empty-file",
    "yaml",
    """
    The file is empty or holds only comments.

    Passing:
        pokin: 1
        perangkat_daerah: Dinas Sosial Kabupaten Kotawaringin Timur
        tahun: 2025
        outcome: {id: o, kinerja: Meningkatnya kesejahteraan PPKS}
        csf: []
""",
)
declare(
    "Y006",
    "not-a-mapping",
    "yaml",
    """
    The top level of the file is a list or a single value instead of `key: value` pairs.

    Failing:
        - pokin: 1
    Passing:
        pokin: 1
""",
)
declare(
    "Y007",
    "too-deep",
    "yaml",
    """
    The file nests more deeply than any plan does (a runaway bracket or indentation).
""",
)
declare(
    "Y008",
    "yaml-tag",
    "yaml",
    """
    An explicit YAML tag (!!binary, !custom, …) is used; plans hold plain values only.

    Failing:
        anggaran: !!str 372250370
    Passing:
        anggaran: 372250370
""",
)
declare(
    "S001",
    "unknown-key",
    "schema",
    """
    A key that the plan format does not know, usually a typo (`anggran`, `sub_kegiatan`).

    Failing:
        anggran: 372250370
    Passing:
        anggaran: 372250370
""",
)
declare(
    "S002",
    "missing-key",
    "schema",
    """
    A required key is missing (`id`, `kinerja`, `nama` on program/kegiatan/sub kegiatan, …).

    Failing:
        - id: bencana
          nama: Program Penanganan Bencana
    Passing:
        - id: bencana
          kinerja: Terwujudnya Korban Bencana Yang Tertangani Dengan Bantuan
          nama: Program Penanganan Bencana
""",
)
declare(
    "S003",
    "wrong-type",
    "schema",
    """
    A value of the wrong kind: a list where text is expected, text where a list is expected, …

    Failing:
        indikator: Persentase korban bencana yang menerima bantuan sosial
    Passing:
        indikator:
          - uraian: Persentase korban bencana yang menerima bantuan sosial
            satuan: "%"
""",
)
declare(
    "S004",
    "invalid-value",
    "schema",
    """
    A value outside its allowed set: an unknown eselon, an empty statement, a wrong format version.

    Failing:
        eselon: 3
    Passing:
        eselon: III
""",
)
declare(
    "S005",
    "malformed-number",
    "schema",
    """
    A Rupiah amount or target that cannot be read without guessing.

    Indonesian notation is accepted ("372.250.370", "Rp 372.250.370", "93,59");
    a malformed grouping is an error, never a silent guess.

    Failing:
        anggaran: 13.2918.000
    Passing:
        anggaran: 13298000
""",
)
declare(
    "S006",
    "invalid-id",
    "schema",
    """
    An id that is not a short slug of lower-case letters, digits and '-'.

    Failing:
        id: Program Bencana
    Passing:
        id: bencana
""",
)
declare(
    "E001",
    "rule-failed",
    "engine",
    """
    A rule failed to run on this plan; the other rules still ran. Please report it.
""",
)
declare(
    "E002",
    "unused-suppression",
    "engine",
    """
    A `# pokin: ignore[CODE]` comment suppresses nothing, or cannot be read.

    A suppression silences the named codes (or groups) for problems reported
    on the comment's line, and for problems of the node whose first line (its
    `- id:` line) carries the comment. One that silences nothing is stale (the
    problem was fixed, or the code is misspelt) and is reported so that it
    cannot hide the next real problem. Suppressions of rules that did not run
    (--select / --ignore) are not judged.

    Failing:
        - id: dayasos-psks  # pokin: ignore[B001]
          anggaran: 150000000   # equals its sub kegiatan: nothing to suppress
    Passing:
        - id: dayasos-psks  # pokin: ignore[B001]
          anggaran: 100000000   # deliberately below its sub kegiatan (catatan says why)
""",
    "warning",
)
