"""The daily report a client receives: summary first, then every call in time order.

Every call appears, missed calls and wrong numbers included and marked; a day without
calls still gets a report that says so (the client sees that the service was staffed).
A call of another client is refused, never printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reports import report_wording as labels
from reports.call_text import (
    appointment_line,
    body_lines,
    head_line,
    local,
    note_appointment_lines,
)
from reports.errors import ForeignCallError
from reports.model import Language, Outcome, ReportCall, ReportClient
from reports.pdf_layout import (
    FRAME_WIDTH,
    RULE,
    ColourRule,
    PageDecoration,
    Styles,
    build_pdf,
    client_colour,
    draw_logo,
    make_styles,
    markup,
)
from reports.rich_lines import RichLines
from reports.summary import ReportSummary, summarize

LOGO_W, LOGO_H = 45 * mm, 20 * mm
INDENT = 17 * mm  # the time sits in this gutter


def check_calls(client: ReportClient, calls: Sequence[ReportCall]) -> None:
    foreign = [c.call_id for c in calls if c.client_code != client.code]
    if foreign:
        raise ForeignCallError(
            f"report for client {client.code} was given calls of other clients: "
            f"{', '.join(foreign[:5])}{' …' if len(foreign) > 5 else ''}"
        )


def _title_block(
    client: ReportClient, day: dt.date, language: Language, styles: Styles
) -> list[Flowable]:
    right = LOGO_W + 4 * mm if client.logo is not None else 0
    period = labels.long_date(day, language)
    meta = f"{labels.text('period', language)}: {period} ({markup(client.timezone)})"
    if client.business_hours.strip():
        meta += f"<br/>{labels.text('business_hours', language)}: {markup(client.business_hours)}"
    return (
        [
            Paragraph(labels.text("daily_report", language), styles.title),
            Paragraph(markup(client.name), styles.client),
            Spacer(0, 1.5 * mm),
            Paragraph(meta, styles.meta),
        ]
        if not right
        else [
            _RightIndented(Paragraph(labels.text("daily_report", language), styles.title), right),
            _RightIndented(Paragraph(markup(client.name), styles.client), right),
            Spacer(0, 1.5 * mm),
            _RightIndented(Paragraph(meta, styles.meta), right),
        ]
    )


class _RightIndented(Flowable):  # type: ignore[misc]
    """Keeps title lines clear of the logo in the top-right corner."""

    def __init__(self, inner: Flowable, right: float) -> None:
        super().__init__()
        self.inner, self.right = inner, right

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, h = self.inner.wrap(avail_width - self.right, avail_height)
        self.width, self.height = avail_width, h
        return avail_width, h

    def getSpaceBefore(self) -> float:
        return float(self.inner.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.inner.getSpaceAfter())

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


def _summary_block(
    summary: ReportSummary, client: ReportClient, language: Language, styles: Styles
) -> list[Flowable]:
    figures = [
        (summary.calls, labels.text("calls", language)),
        (summary.messages, labels.text("messages", language)),
        (summary.appointments, labels.text("appointments", language)),
        (summary.urgent, labels.text("urgent_items", language)),
        (summary.outside_business_hours, labels.text("outside_hours", language)),
    ]
    cells = [
        [Paragraph(str(value), styles.figure), Paragraph(label, styles.figure_label)]
        for value, label in figures
    ]
    width = FRAME_WIDTH / len(cells)
    table = Table([cells], colWidths=[width] * len(cells))
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEBEFORE", (1, 0), (-1, 0), 0.5, RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 2.5, client_colour(client)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story: list[Flowable] = [
        Paragraph(labels.text("summary", language), styles.heading),
        table,
    ]
    details: list[str] = []
    if summary.calls:
        counts: dict[str, int] = {}  # busy and hung-up calls are both "missed"
        for outcome, count in summary.by_outcome:
            short = labels.outcome(outcome, language).split(" – ")[0]
            counts[short] = counts.get(short, 0) + count
        outcomes = ", ".join(f"{count} {short}" for short, count in counts.items())
        details.append(f"{labels.text('calls', language)}: {outcomes}")
    if summary.appointments:
        booked = labels.appointment_change_count(summary.appointment_counts, language)
        details.append(f"{labels.text('appointments', language)}: {booked}")
    if details:
        story.append(Spacer(0, 2 * mm))
        story.append(Paragraph("<br/>".join(details), styles.small))
    return story


def _urgent_block(
    calls: Sequence[ReportCall], tz: ZoneInfo, language: Language, styles: Styles
) -> list[Flowable]:
    urgent = [c for c in calls if c.urgent]
    if not urgent:
        return []
    story: list[Flowable] = [Paragraph(labels.text("urgent_list", language), styles.heading)]
    for call in urgent:
        note = call.note
        assert note is not None
        typed = note_appointment_lines(call)[:1]
        what = markup(note.subject or note.message.split("\n", 1)[0] or "".join(typed))
        if not what and call.appointments:  # the call's only content is a booking
            what = appointment_line(min(call.appointments, key=lambda a: a.starts_at), tz, language)
        if note.for_whom.strip():
            what += f" ({labels.text('for_whom', language)}: {markup(note.for_whom)})"
        name = markup(call.caller_name or call.caller_number) or labels.text(
            "unknown_caller", language
        )
        story.append(
            RichLines(
                f"<b>{name}</b> – {what}",
                size=9.5,
                indent=INDENT,
                bullet=labels.clock(local(call.started_at, tz)),
            )
        )
    return story


def _call_blocks(
    calls: Sequence[ReportCall], tz: ZoneInfo, language: Language, styles: Styles
) -> list[Flowable]:
    rule = ColourRule(RULE, thickness=0.4, gap=3.5)
    story: list[Flowable] = []
    for call in calls:
        started = local(call.started_at, tz)
        lines = body_lines(call, tz, language)
        if not lines and call.outcome is Outcome.ANSWERED:
            lines = [f"<i>{labels.text('no_note', language)}</i>"]
        # One paragraph per call (head in a larger size): half the layout cost of two.
        text = "<br/>".join([f'<font size="10">{head_line(call, language)}</font>', *lines])
        block: list[Flowable] = [
            RichLines(text, size=9.5, indent=INDENT, bullet=labels.clock(started), space_before=2),
            rule,
        ]
        story.append(_Group(block))
    return story


class _Group(Flowable):  # type: ignore[misc]
    """One call's flowables kept on one page; split only if taller than a page.

    Cheaper than platypus' KeepTogether for a thousand calls: it wraps its parts once.
    """

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._sizes = []
        height = 0.0
        for index, part in enumerate(self.parts):
            w, h = part.wrap(avail_width, avail_height)
            if index:
                h += part.getSpaceBefore()
            self._sizes.append((w, h))
            height += h
        self.width, self.height = avail_width, height
        return avail_width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height <= avail_height:
            return [self]
        # Taller than what is left: move to the next page unless it would not fit there either.
        from reports.pdf_layout import MARGIN_BOTTOM, MARGIN_TOP, PAGE_HEIGHT

        if self.height <= PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM:
            return []
        first = self.parts[0].split(avail_width, avail_height)
        if not first:
            return []
        return [*first, *self.parts[1:]]

    def draw(self) -> None:
        y = self.height
        for part, (_w, h) in zip(self.parts, self._sizes, strict=True):
            y -= h
            part.drawOn(self.canv, 0, y)


def render_daily_report(
    client: ReportClient,
    day: dt.date,
    calls: Sequence[ReportCall],
    language: Language | None = None,
    *,
    generated_at: dt.datetime | None = None,
) -> bytes:
    """The client's daily report for ``day`` as PDF bytes (unencrypted).

    ``calls`` must all belong to ``client`` (else :class:`ForeignCallError`); they are
    printed in time order in the client's time zone. ``language`` defaults to the client's.
    """
    check_calls(client, calls)
    lang: Language = language or client.language
    tz = ZoneInfo(client.timezone)
    generated = (generated_at or dt.datetime.now(dt.UTC)).astimezone(tz)
    ordered = sorted(calls, key=lambda c: (c.started_at, c.call_id))
    styles = make_styles()
    summary = summarize(ordered)

    story: list[Flowable] = _title_block(client, day, lang, styles)
    story += _summary_block(summary, client, lang, styles)
    story += _urgent_block(ordered, tz, lang, styles)
    story.append(Paragraph(labels.text("call_log", lang), styles.heading))
    story.append(ColourRule(client_colour(client), thickness=1.2, gap=2))
    if ordered:
        story += _call_blocks(ordered, tz, lang, styles)
    else:
        story.append(Spacer(0, 4 * mm))
        story.append(Paragraph(f"<b>{labels.text('no_calls', lang)}</b>", styles.body))
        story.append(Paragraph(labels.text("no_calls_hint", lang), styles.small))

    title = f"{labels.text('daily_report', lang)} {client.name} {labels.short_date(day, lang)}"
    decoration = PageDecoration(
        client=client,
        language=lang,
        running_title=f"{labels.text('daily_report', lang)} {labels.short_date(day, lang)}",
        generated_at=generated,
    )

    def first_page(canvas: Canvas) -> None:
        draw_logo(canvas, client, LOGO_W, LOGO_H)

    return build_pdf(story, decoration, title=title, subject=client.name, first_page=first_page)
