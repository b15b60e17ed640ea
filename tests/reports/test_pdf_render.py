"""Daily-report and call-note PDFs, read back with pypdf, pdftotext and pdftoppm."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from reports.call_note_pdf import render_call_note
from reports.daily_report_pdf import render_daily_report
from reports.errors import ForeignCallError
from reports.model import AppointmentChange, Outcome, ReportCall
from reports.pdf_fonts import FontMissingError, register_fonts
from tests.conftest import require_tool
from tests.reports.helpers import DAY, appointment, call, client, pdftotext, pypdf_text

GENERATED = dt.datetime(2024, 5, 7, 18, 0, tzinfo=dt.UTC)


def day_calls(code: str = "A") -> list[ReportCall]:
    return [
        call(code, 3, 14, 5, urgent=True),
        call(code, 1, 7, 30, outside=True),
        call(code, 2, 9, 15, outcome=Outcome.MISSED, with_note=False),
        call(code, 4, 11, 0, outcome=Outcome.WRONG_NUMBER, with_note=False),
        call(
            code, 5, 16, 45,
            appointments=(
                appointment(AppointmentChange.BOOKED, 9, 10, "Erstberatung Öztürk"),
                appointment(AppointmentChange.CANCELLED, 10, 15, "Kontrolle Weiß"),
            ),
        ),
    ]  # fmt: skip


def test_daily_report_german_holds_every_call_in_time_order_with_marks() -> None:
    pdf = render_daily_report(client("A"), DAY, day_calls(), "de", generated_at=GENERATED)
    text = pdftotext(pdf)
    assert "Tagesbericht" in text
    assert "Praxis A Müller & Söhne" in text
    assert "Dienstag, 7. Mai 2024" in text
    assert "Geschäftszeiten: Mo–Fr 8–18 Uhr" in text
    # every call appears, in time order
    detail = text.index("Anrufe im Einzelnen")
    positions = [text.index(f"Anrufer Acall{n}", detail) for n in (1, 2, 4, 3, 5)]
    assert positions == sorted(positions)
    assert "07:30" in text and "14:05" in text
    # marks
    assert "VERPASST" in text
    assert "FALSCH VERBUNDEN" in text
    assert "DRINGEND" in text
    assert "außerhalb der Geschäftszeit" in text
    # note, appointments incl. cancellation, delivery status; umlauts and euro sign
    assert "Überweisung über 99,50 €" in text
    assert "Termin gebucht: Do 09.05.2024 10:00–10:30 Uhr – Erstberatung Öztürk" in text
    assert "Termin abgesagt: Fr 10.05.2024 15:00–15:30 Uhr – Kontrolle Weiß" in text
    assert "Zustellung: per E-Mail an Dr. Jäger" in text
    assert "Erbeten: Rückruf an +49 30 1234567" in text
    # summary figures: 5 calls, 3 messages, 2 appointments, 1 urgent, 1 outside hours
    summary = re.sub(r"\s+", " ", text[: text.index("Anrufe:")])
    assert re.search(r"5 3 2 1 1 Anrufe Nachrichten Termine Dringend", summary), summary
    assert "Seite 1 von 1" in text
    # the same text through pypdf's parser
    assert "Überweisung über 99,50 €" in pypdf_text(pdf)


def test_daily_report_english_labels_and_page_numbers_over_many_pages() -> None:
    calls = [call("B", n, 8 + n // 12, n % 60) for n in range(60)]
    pdf = render_daily_report(client("B", language="en"), DAY, calls, generated_at=GENERATED)
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 3
    text = pdftotext(pdf)
    assert "Daily report" in text and "Tuesday, 7 May 2024" in text
    assert "Calls in detail" in text and "Requested: call back on +49 30 1234567" in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Seite" not in text
    for n in range(60):
        assert f"Bcall{n} " in text or f"Bcall{n}\n" in text or f"Bcall{n}:" in text


def test_german_pages_are_numbered_seite_x_von_y() -> None:
    calls = [call("C", n, 8, n % 60) for n in range(40)]
    pdf = render_daily_report(client("C"), DAY, calls, generated_at=GENERATED)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages >= 2
    text = pdftotext(pdf)
    for page in range(1, pages + 1):
        assert f"Seite {page} von {pages}" in text


def test_no_calls_gives_an_explicit_report() -> None:
    de = pdftotext(render_daily_report(client("D"), DAY, [], generated_at=GENERATED))
    assert "Heute sind keine Anrufe eingegangen." in de
    en = pdftotext(render_daily_report(client("D", language="en"), DAY, [], "en"))
    assert "There were no calls today." in en


def test_a_call_of_another_client_is_refused() -> None:
    with pytest.raises(ForeignCallError, match="B-1"):
        render_daily_report(client("A"), DAY, [call("A", 1, 9), call("B", 1, 10)])
    with pytest.raises(ForeignCallError):
        render_call_note(client("A"), call("B", 1, 10))


def test_times_are_shown_in_the_clients_time_zone() -> None:
    utc_call = call("E", 1, 9)
    late = dt.datetime(2024, 5, 7, 16, 45, tzinfo=dt.UTC)  # 18:45 in Berlin
    moved = ReportCall(**{**utc_call.__dict__, "started_at": late})
    text = pdftotext(render_daily_report(client("E"), DAY, [moved]))
    assert "18:45" in text and "16:45" not in text


def test_fonts_are_embedded_and_page_is_a4(tmp_path: Path) -> None:
    require_tool("pdffonts")
    pdf = render_daily_report(client("F"), DAY, day_calls("F"))
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line for line in fonts.stdout.splitlines() if "DejaVuSans" in line]
    assert rows and all(" yes " in row for row in rows), fonts.stdout
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_page_renders_to_an_image_with_dark_text_on_white(tmp_path: Path) -> None:
    require_tool("pdftoppm")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (30, 90, 160)).save(logo)
    pdf = render_daily_report(client("G", logo=logo), DAY, day_calls("G"))
    (tmp_path / "r.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(tmp_path / "r.pdf"),
         str(tmp_path / "page")],
        check=True, timeout=60,
    )  # fmt: skip
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    histogram = image.histogram()
    total = sum(histogram)
    assert sum(histogram[230:]) / total > 0.8  # mostly paper
    assert sum(histogram[:60]) / total > 0.005  # and black text
    require_tool("pdfimages")
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True
    )
    assert len(images.stdout.strip().splitlines()) >= 3  # header, rule, the logo


@pytest.mark.expect_warnings
def test_broken_logo_and_colour_do_not_stop_the_report(tmp_path: Path) -> None:
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    pdf = render_daily_report(client("H", logo=bad, colour="red"), DAY, day_calls("H"))
    assert "Anrufer Hcall1" in pdftotext(pdf)


def test_call_note_pdf_holds_the_note() -> None:
    the_call = call(
        "N", 7, 10, 12, urgent=True,
        appointments=(appointment(AppointmentChange.BOOKED, 9, 10, "Beratung Groß"),),
    )  # fmt: skip
    pdf = render_call_note(client("N"), the_call, "de", generated_at=GENERATED)
    text = pdftotext(pdf)
    assert "Telefonnotiz" in text and "Praxis N Müller & Söhne" in text
    assert "Dienstag, 7. Mai 2024, 10:12 Uhr" in text
    assert "Anrufer Ncall7" in text and "+49 30 0000007" in text
    assert "Betreff: Betreff Ncall7 Größe 12 €" in text
    assert "Überweisung über 99,50 €" in text
    assert "dringend" in text and "DRINGEND" in text
    assert "Termin gebucht: Do 09.05.2024 10:00–10:30 Uhr – Beratung Groß" in text
    assert "Seite 1 von 1" in text
    en = pdftotext(render_call_note(client("N"), the_call, "en"))
    assert "Call note" in en and "Taken by" in en


def test_missing_font_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reports.pdf_fonts as fonts

    monkeypatch.setattr(fonts, "_registered", False)
    with pytest.raises(FontMissingError, match="fonts-dejavu-core"):
        register_fonts(tmp_path)
    monkeypatch.setattr(fonts, "_registered", False)
    register_fonts()


def test_a_note_longer_than_a_page_flows_over_pages_without_losing_text() -> None:
    base = call("L", 1, 9)
    assert base.note is not None
    words = " ".join(f"Wort{i}" for i in range(3000))
    long_word = "Donaudampfschifffahrtsgesellschaftskapitän" * 8
    note = base.note.__class__(**{**base.note.__dict__, "message": f"{words}\n{long_word}"})
    big = ReportCall(**{**base.__dict__, "note": note})
    pdf = render_daily_report(client("L"), DAY, [call("L", 0, 8), big, call("L", 2, 10)])
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 4
    text = pdftotext(pdf)
    found = set(re.findall(r"Wort(\d+)", text))
    assert found == {str(i) for i in range(3000)}
    assert re.sub(r"\s+", "", text).count(long_word) == 1
    order = [text.index(token) for token in ("Lcall0", "Wort0", "Wort2999", "Lcall2")]
    assert order == sorted(order)
