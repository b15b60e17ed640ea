"""CSV/vCard import and export with real files, including broken ones."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from clients import exporting, importing
from clients.importing import UnusableFile
from clients.model import Caller, Client, Variant
from storage import open_database
from storage.interfaces import ClientStore

HEADER = "code;name;numbers;greeting;hours;state;language"
ROWS = [
    "ROTH;Kanzlei Dr. Roth;030 5550101 | +49 30 5550102;{client}, {greeting}, {caller_name}.;"
    "Mo-Fr 08:00-12:00 13:00-17:00;BB;de",
    "MÜLLER;Bäckerei Müller & Söhne;089 123456;Bäckerei Müller, {greeting}!;;BY;de",
]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def counts(store: ClientStore) -> tuple[int, ...]:
    return tuple(
        store._one(f"SELECT count(*) FROM {t}")[0]  # type: ignore[attr-defined]
        for t in (
            "clients",
            "client_numbers",
            "scripts",
            "business_hours",
            "callers",
            "caller_numbers",
        )
    )


@pytest.mark.parametrize(
    ("encoding", "sep", "bom"),
    [
        ("cp1252", ";", b""),
        ("utf-8", ";", b"\xef\xbb\xbf"),
        ("utf-8", ",", b""),
        ("utf-16", "\t", b""),
    ],
)
def test_clients_from_excel_exports(
    store: ClientStore, tmp_path: Path, encoding: str, sep: str, bom: bytes
) -> None:
    text = "\r\n".join([HEADER, *ROWS]).replace(";", "\x1f")
    text = (
        text.replace("\x1f", sep)
        if sep != ","
        else text.replace("\x1f", ",")
        .replace("030 5550101 | +49 30 5550102", '"030 5550101 | +49 30 5550102"')
        .replace("{client}, {greeting}, {caller_name}.", '"{client}, {greeting}, {caller_name}."')
        .replace("Bäckerei Müller, {greeting}!", '"Bäckerei Müller, {greeting}!"')
    )
    path = tmp_path / "clients.csv"
    path.write_bytes(bom + text.encode(encoding))
    report = importing.import_clients(store, path)
    assert report.committed, report.rejected
    assert (report.rows, report.created, report.updated) == (2, 2, 0)
    mueller = store.get_client_by_code("MÜLLER")
    assert mueller is not None and mueller.name == "Bäckerei Müller & Söhne"
    assert mueller.state == "BY"
    roth = store.find_client_by_numbers(["+49305550102"])
    assert roth is not None and roth.code == "ROTH" and roth.state == "BB"
    scripts = store.list_scripts(roth.id or 0)
    assert [(s.variant, s.greeting) for s in scripts] == [
        (Variant.BUSINESS_HOURS, "{client}, {greeting}, {caller_name}.")
    ]
    assert len(store.get_business_hours(roth.id or 0).intervals) == 10


def test_german_headers_and_reimport_updates(store: ClientStore, tmp_path: Path) -> None:
    first = write(tmp_path, "a.csv", "Kürzel;Name;Rufnummern;Begrüßung\nX;Alt;030 5550001;Hallo\n")
    assert importing.import_clients(store, first).committed
    second = write(
        tmp_path, "b.csv", "code;name;numbers;greeting;colour\nX;Neu;030 2222222;Tag;#aabbcc\n"
    )
    report = importing.import_clients(store, second)
    assert (report.committed, report.created, report.updated) == (True, 0, 1)
    client = store.get_client_by_code("X")
    assert client is not None and (client.name, client.colour) == ("Neu", "#aabbcc")
    assert [n.number for n in store.list_numbers(client.id or 0)] == ["+49302222222"]
    assert store.list_scripts(client.id or 0)[0].greeting == "Tag"


def test_rejected_rows_are_reported_and_nothing_is_imported(
    store: ClientStore, tmp_path: Path
) -> None:
    taken = store.add_client(Client(code="OLD", name="Alt"))
    store.add_number(taken.id or 0, "040 999")
    before = counts(store)
    text = "\n".join(
        [
            "code;name;numbers;greeting;language;hours;state",
            "A;Firma A;030 5550001;Hallo;de;;BE",  # 2 ok
            "B;Firma B;030 5550001;Hallo;de;;BE",  # 3 number also in line 2
            "C;Firma C;040 999;Hallo;de;;BE",  # 4 number of client OLD
            "D;Firma D;keine Nummer;Hallo;de;;BE",  # 5 not a number
            "A;Firma A2;030 5550005;Hallo;de;;BE",  # 6 duplicate code
            "E;Firma E;030 5550006;Hallo;fr;;BE",  # 7 language
            "F;Firma F;030 5550007;Hallo;de;Mo 25:00-26:00;BE",  # 8 hours
            "G;;030 5550008;Hallo;de;;BE",  # 9 empty name
            "H;Firma H;030 5550009;Hallo;de;;XX",  # 10 state
            "I;Firma I;030 5550010;Hallo;de;;BE;extra",  # 11 extra cell
        ]
    )
    report = importing.import_clients(store, write(tmp_path, "bad.csv", text))
    assert not report.committed
    assert [r.line for r in report.rejected] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    reasons = {r.line: r.reason for r in report.rejected}
    assert "also in line 2" in reasons[3]
    assert "belongs to client OLD" in reasons[4]
    assert "'keine Nummer' is not a phone number" in reasons[5]
    assert "first in line 2" in reasons[6]
    assert "language" in reasons[7] and "hours" in reasons[8]
    assert "state" in reasons[10] and "more cells" in reasons[11]
    assert counts(store) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x81\x8d\x90PK\x03\x04" * 50, "neither UTF-8"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 100, "binary"),
        (b"name;numbers\nA;030 1\n", "Required column(s) missing: code, greeting"),
        (b"just some words without separators\n", "no ';', ',' or tab"),
        (b"\xff\xfe" + b"\x00\xd8", "UTF-16"),
    ],
)
def test_unusable_files_raise_with_a_reason(
    store: ClientStore, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(UnusableFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        importing.import_clients(store, path)
    assert counts(store) == (0, 0, 0, 0, 0, 0)


def test_missing_file(store: ClientStore, tmp_path: Path) -> None:
    with pytest.raises(UnusableFile, match="Cannot read"):
        importing.import_clients(store, tmp_path / "nope.csv")


def test_callers_csv_with_updates_and_merge(store: ClientStore, tmp_path: Path) -> None:
    a = store.add_client(Client(code="A", name="A"))
    b = store.add_client(Client(code="B", name="B"))
    existing = store.add_caller(Caller(client_id=a.id, name="Krause", numbers=("0171 5550142",)))
    store.add_caller(Caller(client_id=b.id, name="Other client", numbers=("030 5550001",)))
    text = "\n".join(
        [
            "Vorname;Nachname;Firma;Telefon;VIP;gesperrt;Notizen",
            "Thomas;Krause;Krause AG;+49 171 5550142 | 030 4455;ja;nein;Stammkunde",
            "Eva;Berg;;030 5550001, 0152 12345678;;x;",
        ]
    )
    report = importing.import_callers(store, write(tmp_path, "c.csv", text, "cp1252"), a.id)
    assert report.committed, report.rejected
    assert (report.created, report.updated) == (1, 1)
    krause = store.get_caller(existing.id or 0)
    assert krause is not None and krause.name == "Thomas Krause" and krause.vip
    assert krause.numbers == ("+491715550142", "+49304455")
    eva = store.find_caller(a.id, "030 5550001")
    assert eva is not None and eva.blocked and eva.client_id == a.id
    assert store.find_caller(b.id, "030 5550001").name == "Other client"  # type: ignore[union-attr]


def test_callers_csv_rejections(store: ClientStore, tmp_path: Path) -> None:
    a = store.add_client(Client(code="A", name="A"))
    store.add_caller(Caller(client_id=a.id, name="One", numbers=("030 5550001",)))
    store.add_caller(Caller(client_id=a.id, name="Two", numbers=("030 5550002",)))
    before = counts(store)
    text = "\n".join(
        [
            "name;numbers;vip",
            "Ok;040 5550001;",
            "Dup;040 5550001;",  # 3
            "Both;030 5550001|030 5550002;",  # 4 belongs to two callers
            ";040 5550003;",  # 5 no name
            "Bad;abc;",  # 6
            "Flag;040 5550004;vielleicht",  # 7
        ]
    )
    report = importing.import_callers(store, write(tmp_path, "c.csv", text), a.id)
    assert not report.committed
    assert [r.line for r in report.rejected] == [3, 4, 5, 6, 7]
    assert "two different callers" in report.rejected[1].reason
    assert counts(store) == before
    with pytest.raises(UnusableFile, match="Required columns"):
        importing.import_callers(store, write(tmp_path, "x.csv", "foo;bar\n1;2\n"), a.id)


VCARDS = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Thomas Krause\r
N:Krause;Thomas;;;\r
ORG:Krause Logistik GmbH\r
TEL;TYPE=WORK,VOICE:030 4455 1200\r
TEL;TYPE=CELL:+49 171 5550142\r
NOTE:Mandant seit 2019\\, Aktenzeichen 114/23\r
CATEGORIES:Kunde,VIP\r
X-VORZIMMER-SALUTATION:Herr Krause\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:4.0\r
FN:Jürgen Müller-Lüdenscheidt mit einem sehr langen Namen der gefaltet werden\r
  muss\r
TEL;VALUE=uri;TYPE="voice,cell":tel:+49-152-5550-3377\r
END:VCARD\r
"""


def test_vcard_3_and_4(store: ClientStore, tmp_path: Path) -> None:
    a = store.add_client(Client(code="A", name="A"))
    path = tmp_path / "contacts.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    report = importing.import_callers(store, path, a.id)
    assert report.committed, report.rejected
    krause = store.find_caller(a.id, "+49 30 4455 1200")
    assert krause is not None
    assert (krause.company, krause.salutation, krause.vip) == (
        "Krause Logistik GmbH",
        "Herr Krause",
        True,
    )
    assert krause.notes == "Mandant seit 2019, Aktenzeichen 114/23"
    assert krause.numbers == ("+493044551200", "+491715550142")
    mueller = store.find_caller(a.id, "0152 55503377")
    assert mueller is not None
    assert mueller.name.endswith("gefaltet werden muss")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nTEL:030 5550001\r\n", "no END:VCARD"),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN A kaputt\r\nEND:VCARD\r\n", "malformed vCard"),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nTEL:hallo\r\nEND:VCARD\r\n", "not a phone"),
        ("BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:030 5550001\r\nEND:VCARD\r\n", "needs a name"),
        (
            "BEGIN:VCARD\r\nFN:A\r\nBEGIN:VCARD\r\nFN:B\r\nTEL:030 5550002\r\nEND:VCARD\r\n",
            "before the next BEGIN",
        ),
    ],
)
def test_malformed_vcards_are_rejected_per_card(
    store: ClientStore, tmp_path: Path, text: str, reason: str
) -> None:
    a = store.add_client(Client(code="A", name="A"))
    good = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gut\r\nTEL:040 5550007\r\nEND:VCARD\r\n"
    path = tmp_path / "bad.vcf"
    path.write_text(good + text, encoding="utf-8")
    report = importing.import_callers(store, path, a.id)
    assert not report.committed
    assert any(reason in r.reason for r in report.rejected), report.rejected
    assert all(r.line > 5 for r in report.rejected)  # the good first card is not blamed
    assert store.find_caller(a.id, "040 5550007") is None  # nothing partial


def test_export_and_reimport_round_trip(store: ClientStore, tmp_path: Path, app_paths) -> None:
    from clients.demo import load_demo

    load_demo(store)
    demo_roth = store.get_client_by_code("ROTH")
    assert demo_roth is not None
    store.update_client(replace(demo_roth, service_level_s=45))  # kept by the round trip
    exported = tmp_path / "clients.csv"
    assert exporting.export_clients(store, exported) == 4
    assert exported.read_bytes().startswith(b"\xef\xbb\xbfcode;name;numbers")
    roth = store.get_client_by_code("ROTH")
    assert roth is not None
    csv_path, vcf_path = tmp_path / "callers.csv", tmp_path / "callers.vcf"
    assert exporting.export_callers(store, roth.id, csv_path) == 3
    assert exporting.export_callers(store, roth.id, vcf_path) == 3

    with open_database(tmp_path / "copy.sqlite3").clients as copy:
        report = importing.import_clients(copy, exported)
        assert report.committed and report.created == 4, report.rejected
        for original in store.list_clients():
            twin = copy.get_client_by_code(original.code)
            assert twin is not None
            assert twin == type(twin)(**{**original.__dict__, "id": twin.id})
            p1, p2 = store.get_profile(original.id or 0), copy.get_profile(twin.id or 0)
            assert p1 is not None and p2 is not None
            assert [n.number for n in p1.numbers] == [n.number for n in p2.numbers]
            assert p1.hours == p2.hours
            assert [(s.variant, s.greeting, s.instructions) for s in p1.scripts] == [
                (s.variant, s.greeting, s.instructions) for s in p2.scripts
            ]
        roth2 = copy.get_client_by_code("ROTH")
        assert roth2 is not None
        for path in (csv_path, vcf_path):
            assert importing.import_callers(copy, path, roth2.id).committed

        def strip(callers: list[Caller]) -> list[tuple[object, ...]]:
            return sorted(
                (c.name, c.company, c.salutation, c.numbers, c.notes, c.vip, c.blocked)
                for c in callers
            )

        assert strip(copy.list_callers(roth2.id)) == strip(store.list_callers(roth.id))


def test_100k_caller_rows(store: ClientStore, tmp_path: Path) -> None:
    a = store.add_client(Client(code="A", name="A"))
    lines = ["name;company;numbers;notes"]
    lines += [f"Person {i};Firma {i % 977};+49 30 {1000000 + i};Notiz {i}" for i in range(100_000)]
    path = write(tmp_path, "big.csv", "\r\n".join(lines), "cp1252")
    started = time.perf_counter()
    report = importing.import_callers(store, path, a.id)
    elapsed = time.perf_counter() - started
    assert report.committed and report.created == 100_000, report.rejected[:3]
    assert elapsed < 60
    assert store.find_caller(a.id, "030 1099999").name == "Person 99999"  # type: ignore[union-attr]
    assert [c.name for c in store.search_callers(a.id, "Person 4242")][:1] == ["Person 4242"]


def test_100k_rows_with_one_bad_row_import_nothing(store: ClientStore, tmp_path: Path) -> None:
    lines = ["code;name;numbers;greeting"]
    lines += [f"K{i};Kunde {i};+49 40 {2000000 + i};Hallo" for i in range(100_000)]
    lines[77_778] = "BAD;Kunde;+49 40 2000003;Hallo"  # number of line 5
    report = importing.import_clients(store, write(tmp_path, "big.csv", "\n".join(lines)))
    assert not report.committed
    assert [(r.line, r.reason) for r in report.rejected] == [
        (77_779, "number +49402000003 is also in line 5")
    ]
    assert counts(store) == (0, 0, 0, 0, 0, 0)
