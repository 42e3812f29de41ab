"""Reference rules: ids are unique and every reference names something that exists."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from pokin.check.rules.registry import rule
from pokin.model import Jabatan
from pokin.plan import LoadedPlan
from pokin.problems import Finding, Path, suggest


def _all_ids(plan: LoadedPlan) -> Iterator[tuple[str, Path, str]]:
    """(id, path, what) of every node, Renstra item and jabatan, in file order."""
    model = plan.model
    for kind, path, item in plan.renstra_items():
        yield item.id, (*path, "id"), f"renstra.{kind}"
    for i, jab in enumerate(model.jabatan):
        yield jab.id, ("jabatan", i, "id"), "jabatan"
    for ref in plan.nodes:
        yield ref.id, (*ref.path, "id"), ref.level


@rule("R001", "duplicate-id", "reference")
def duplicate_id(plan: LoadedPlan) -> Iterable[Finding]:
    """An id is used twice; ids must be unique across the whole file.

    Reviews, diffs, `pj` and `renstra` references key on ids, so two things
    with one id would be confused.

    Failing:
        csf:
          - id: pelayanan-sosial
            program:
              - id: bencana
                ...
              - id: bencana
                kinerja: Tertanganinya Korban Bencana
                nama: Program Penanganan Bencana
    Passing:
        csf:
          - id: pelayanan-sosial
            program:
              - id: bencana
                ...
              - id: bencana-sosial
                kinerja: Tertanganinya Korban Bencana
                nama: Program Penanganan Bencana
    """
    first: dict[str, tuple[Path, str]] = {}
    for ident, path, what in _all_ids(plan):
        if ident in first:
            prev_path, prev_what = first[ident]
            line, _ = plan.position(prev_path)
            yield Finding(
                "R001",
                f"Id '{ident}' sudah dipakai oleh {prev_what} di baris {line}; "
                "setiap id harus unik dalam satu berkas.",
                path,
                ident,
            )
        else:
            first[ident] = (path, what)


def _suggest(name: str, options: Iterable[str]) -> str:
    guess = suggest(name, options)
    return f" Mungkin maksudnya '{guess[0]}'?" if guess else ""


class Suggester:
    """ "Did you mean" for many names against many options, in near-linear time.

    ``difflib.get_close_matches`` compares a name with every option: U unknown
    names over J options cost O(U × J). Here the options are indexed once by
    their character trigrams (O(J)); a name is compared only with the few
    options that share the most trigrams with it (common trigrams, shared by
    over :attr:`COMMON` options, are skipped), and each distinct name is
    answered once. Total O(J + U) for names and options of bounded length.
    """

    COMMON = 64
    CANDIDATES = 8

    def __init__(self, options: Iterable[str]) -> None:
        self.options = list(dict.fromkeys(options))
        self._index: dict[str, list[int]] | None = None  # built on the first unknown name
        self.answers: dict[str, str] = {}

    @property
    def index(self) -> dict[str, list[int]]:
        """Option numbers by trigram."""
        if self._index is None:
            self._index = {}
            for n, option in enumerate(self.options):
                for gram in _trigrams(option):
                    self._index.setdefault(gram, []).append(n)
        return self._index

    def __call__(self, name: str) -> str:
        """' Mungkin maksudnya 'x'?' or an empty string."""
        if name not in self.answers:
            self.answers[name] = self._answer(name)
        return self.answers[name]

    def _answer(self, name: str) -> str:
        if len(self.options) <= self.CANDIDATES:
            return _suggest(name, self.options)
        hits: dict[int, int] = {}
        for gram in _trigrams(name):
            posting = self.index.get(gram, ())
            if len(posting) > self.COMMON:
                continue
            for n in posting:
                hits[n] = hits.get(n, 0) + 1
        best = sorted(hits, key=lambda n: (-hits[n], n))[: self.CANDIDATES]
        return _suggest(name, [self.options[n] for n in sorted(best)])


def _trigrams(text: str) -> set[str]:
    padded = f"  {text[:200]} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@rule("R002", "unknown-pj", "reference")
def unknown_pj(plan: LoadedPlan) -> Iterable[Finding]:
    """A `pj` names no `jabatan` in the file.

    Failing:
        - id: rehsos
          pj: kabid-rehabilitasi   # no jabatan has this id
    Passing:
        - id: rehsos
          pj: kabid-rehsos
    """
    known = plan.jabatan_by_id
    suggest = Suggester(known)  # O(J + U) for J jabatan and U unknown pj
    for ref in plan.nodes:
        pj = ref.node.pj
        if pj is not None and pj not in known:
            yield Finding(
                "R002",
                f"pj '{pj}' tidak ada dalam daftar jabatan.{suggest(pj)}",
                (*ref.path, "pj"),
                ref.id,
            )
    rpjmd = plan.model.rpjmd
    if rpjmd is not None and rpjmd.pj is not None and rpjmd.pj not in known:
        yield Finding(
            "R002",
            f"pj '{rpjmd.pj}' pada rpjmd tidak ada dalam daftar jabatan." + suggest(rpjmd.pj),
            ("rpjmd", "pj"),
        )


@rule("R003", "unknown-atasan", "reference")
def unknown_atasan(plan: LoadedPlan) -> Iterable[Finding]:
    """A jabatan's `atasan` names no jabatan in the file, or the chain of atasan loops.

    Failing:
        - {id: kabid-rehsos, nama: Kepala Bidang Rehabilitasi Sosial, eselon: III, atasan: kadin}
    Passing:
        - {id: kabid-rehsos, nama: Kepala Bidang Rehabilitasi Sosial, eselon: III, atasan: kadis}
    """
    known = plan.jabatan_by_id
    suggest = Suggester(known)
    loop_entry = _loop_entries(known)  # O(J): every chain is walked once in all
    for i, jab in enumerate(plan.model.jabatan):
        if jab.atasan is None or ":" in jab.atasan:
            continue  # none, or a jabatan of another plan (R005, in a workspace)
        path = ("jabatan", i, "atasan")
        if jab.atasan not in known:
            yield Finding(
                "R003",
                f"atasan '{jab.atasan}' tidak ada dalam daftar jabatan." + suggest(jab.atasan),
                path,
                jab.id,
            )
            continue
        if known[jab.id] is jab:
            entry = loop_entry.get(jab.id)
            if entry is not None:
                yield Finding(
                    "R003",
                    f"Rantai atasan jabatan '{jab.id}' berputar kembali ke '{entry}'.",
                    path,
                    jab.id,
                )
            continue
        # a jabatan whose id is taken by an earlier one (R001): walk its own chain
        seen = {jab.id}
        cursor = known[jab.atasan]
        while True:
            if cursor.id in seen:
                yield Finding(
                    "R003",
                    f"Rantai atasan jabatan '{jab.id}' berputar kembali ke '{cursor.id}'.",
                    path,
                    jab.id,
                )
                break
            seen.add(cursor.id)
            if cursor.atasan is None or cursor.atasan not in known:  # incl. KODE_PD:ID
                break
            cursor = known[cursor.atasan]


def _loop_entries(known: Mapping[str, Jabatan]) -> dict[str, str]:
    """For each jabatan whose atasan chain loops: the first jabatan met twice.

    The atasan links form a functional graph; each jabatan is visited once
    (O(J) for J jabatan): a walk stops at a jabatan already resolved, or at
    one on its own path (a loop found).
    """
    entry: dict[str, str | None] = {}
    in_loop: set[str] = set()
    for start in known:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in entry and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            atasan = known[current].atasan
            current = atasan if atasan in known else None
        if current is None:
            result: str | None = None
            tail = path
        elif current in on_path:  # a new loop: its members meet themselves again
            loop = path[on_path[current] :]
            for member in loop:
                entry[member] = member
                in_loop.add(member)
            tail = path[: on_path[current]]
            result = current
        else:
            result = current if current in in_loop else entry[current]
            tail = path
        for member in tail:
            entry[member] = result
    return {k: v for k, v in entry.items() if v is not None}


@rule("R004", "unknown-renstra", "reference")
def unknown_renstra(plan: LoadedPlan) -> Iterable[Finding]:
    """A CSF's `renstra` names no `renstra.sasaran` in the file.

    Failing:
        renstra:
          sasaran:
            - {id: renstra-pmks-tertangani, kinerja: Meningkatnya PMKS yang tertangani}
        csf:
          - id: pelayanan-sosial
            renstra: pmks-tertangani
    Passing:
        csf:
          - id: pelayanan-sosial
            renstra: renstra-pmks-tertangani
    """
    renstra = plan.model.renstra
    sasaran = {s.id for s in renstra.sasaran} if renstra is not None else set()
    for ref in plan.level_nodes("csf"):
        target = getattr(ref.node, "renstra", None)
        if target is not None and target not in sasaran:
            where = "renstra.sasaran" if sasaran else "renstra.sasaran (yang belum ditulis)"
            yield Finding(
                "R004",
                f"renstra '{target}' tidak ada di {where}.{_suggest(target, sasaran)}",
                (*ref.path, "renstra"),
                ref.id,
            )
