"""The PDF of one call's note, sent at once for urgent calls or on request."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from reports import report_wording as labels
from reports.call_text import (
    action_text,
    appointment_line,
    caller_label,
    local,
    note_appointment_lines,
    number_label,
    tags,
)
from reports.daily_report_pdf import LOGO_H, LOGO_W, check_calls
from reports.model import Language, ReportCall, ReportClient
from reports.pdf_layout import (
    FRAME_WIDTH,
    RULE,
    ColourRule,
    PageDecoration,
    build_pdf,
    client_colour,
    draw_logo,
    make_styles,
    markup,
)

LABEL_W = 42 * mm


def render_call_note(
    client: ReportClient,
    call: ReportCall,
    language: Language | None = None,
    *,
    generated_at: dt.datetime | None = None,
) -> bytes:
    """One call's note as PDF bytes (unencrypted); refuses a call of another client."""
    check_calls(client, [call])
    lang: Language = language or client.language
    tz = ZoneInfo(client.timezone)
    started = local(call.started_at, tz)
    generated = (generated_at or dt.datetime.now(dt.UTC)).astimezone(tz)
    styles = make_styles()
    note = call.note
    right = LOGO_W + 4 * mm if client.logo is not None else 0

    story: list[Flowable] = [
        Paragraph(labels.text("call_note", lang), styles.title),
        Paragraph(markup(client.name), styles.client),
        Spacer(0, 1.5 * mm),
        Paragraph(
            f"{labels.long_date(started.date(), lang)}, {labels.clock(started)}"
            + (" Uhr" if lang == "de" else ""),
            styles.meta,
        ),
        Spacer(0, 5 * mm),
    ]
    if right:  # keep the title lines clear of the logo
        for flowable in story[:4]:
            if isinstance(flowable, Paragraph):
                flowable.style = flowable.style.clone(flowable.style.name + "_r", rightIndent=right)

    markers = tags(call, lang)
    rows: list[tuple[str, str]] = [
        (labels.text("caller", lang), caller_label(call, lang)),
        (labels.text("number", lang), number_label(call, lang)),
        (labels.text("duration", lang), labels.duration(call.duration_s, lang)),
        (
            labels.text("outcome", lang),
            labels.outcome(call.outcome, lang) + (f" · {' · '.join(markers)}" if markers else ""),
        ),
    ]
    if note is not None:
        rows.append((labels.text("urgency", lang), labels.urgency(note.urgency, lang)))
        if note.for_whom.strip():
            rows.append((labels.text("for_whom", lang), markup(note.for_whom)))
        action = action_text(call, lang)
        if action:
            rows.append((labels.text("action", lang), action))
        elif note.callback_number.strip():
            rows.append((labels.text("callback_number", lang), markup(note.callback_number)))
        if note.operator.strip():
            rows.append((labels.text("operator", lang), markup(note.operator)))
    if call.delivery_status.strip():
        rows.append((labels.text("delivery", lang), markup(call.delivery_status)))
    table = Table(
        [[Paragraph(k, styles.label), Paragraph(v, styles.body)] for k, v in rows],
        colWidths=[LABEL_W, FRAME_WIDTH - LABEL_W],
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, 0), (-1, 0), 2.5, client_colour(client)),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(table)

    if note is not None and (note.subject.strip() or note.message.strip()):
        story.append(Paragraph(labels.text("message", lang), styles.heading))
        story.append(ColourRule(RULE, thickness=0.4, gap=1))
        if note.subject.strip():
            subject = f"<b>{labels.text('subject', lang)}:</b> {markup(note.subject)}"
            story.append(Paragraph(subject, styles.body))
            story.append(Spacer(0, 2 * mm))
        if note.message.strip():
            story.append(Paragraph(markup(note.message), styles.body))
    elif note is None:
        story.append(Spacer(0, 4 * mm))
        story.append(Paragraph(f"<i>{labels.text('no_note', lang)}</i>", styles.body))
    typed = note_appointment_lines(call)
    if call.appointments or typed:
        story.append(Paragraph(labels.text("appointments", lang), styles.heading))
        story.append(ColourRule(RULE, thickness=0.4, gap=1))
        for item in sorted(call.appointments, key=lambda a: a.starts_at):
            story.append(Paragraph(appointment_line(item, tz, lang), styles.body))
        for line in typed:
            story.append(Paragraph(markup(line), styles.body))

    when = labels.date_time(started, lang)
    decoration = PageDecoration(
        client=client,
        language=lang,
        running_title=f"{labels.text('call_note', lang)} {when}",
        generated_at=generated,
    )

    def first_page(canvas: Canvas) -> None:
        draw_logo(canvas, client, LOGO_W, LOGO_H)

    title = f"{labels.text('call_note', lang)} {client.name} {when}"
    return build_pdf(story, decoration, title=title, subject=client.name, first_page=first_page)
