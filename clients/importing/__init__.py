"""Import clients (CSV) and callers (CSV, vCard 3/4) — all rows or none.

Files as Excel and address books write them are accepted: separator ``;``, ``,`` or tab
(taken from the header line); UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252
(:mod:`.decoding` refuses Mac Roman, Shift-JIS and other encodings instead of importing
garbage). Header names are case-insensitive and may be German. Every row is checked first;
if any row is rejected, nothing is written and the :class:`ImportReport` lists each
rejected row with its line number and the reason. A file that cannot be read at all
(binary, another encoding, a quote never closed, required columns missing) raises
:class:`UnusableFile`, whose message is one line.

A row with fewer cells than the header (a file cut off in its last line) is rejected — its
empty cells would otherwise remove the client's numbers. A cell that starts with ``'``
followed by ``=``, ``+``, ``-``, ``@``, tab or CR has the ``'`` removed: it is the guard our
exports put before such cells (:mod:`clients.csv_cells`).

Client CSV columns (required: ``code;name;numbers;greeting``)

=========================  ===================================================================
``code``                   short code, one word, unique (Kürzel); an existing code is updated
``name``                   client name (Name, Firma, Mandant)
``numbers``                numbers identifying the client, separated by ``,`` or ``|``; on
                           update they replace the client's numbers (Nummern, Rufnummern);
                           every number must be valid (``phonenumbers``): a number that is
                           not cannot identify a client
``greeting``               business-hours greeting (Begrüßung); may use ``{operator}``,
                           ``{client}``, ``{greeting}``, ``{caller_name}``
``greeting_after_hours``   optional greetings for the other variants
``greeting_holiday``
``greeting_vacation``
``instructions``           instructions for every variant (Anweisungen)
``instructions_<variant>`` instructions for one variant (overrides ``instructions``)
``hours``                  business hours, e.g. ``Mo-Do 08:00-12:00 13:00-17:00; Fr 08:00-14:00``
``colour``                 ``#RRGGBB`` (Farbe)
``language``               ``de`` or ``en`` (Sprache)
``state``                  German state code for public holidays, e.g. ``BE`` (Bundesland)
``timezone``               IANA zone, default ``Europe/Berlin``
``report_recipients``      e-mail addresses separated by ``,`` or ``|``
``report_time``            ``HH:MM`` of the daily report
``encrypt_reports``        yes/no (ja/nein, 1/0, x)
``service_level_s``        service-level threshold in whole seconds, 1–600 (default 20)
=========================  ===================================================================

Caller CSV columns (required: ``name`` — or ``first_name``/``last_name`` — and ``numbers``):
``company`` (Firma), ``salutation`` (Anrede, e.g. "Herr Dr. Krause"), ``notes``
(Notizen), ``vip``, ``blocked`` (gesperrt). A row whose numbers already belong to one
caller of the same client updates that caller (numbers are merged).

vCard: ``FN`` (or ``N``), ``ORG``, every ``TEL`` (also ``tel:`` URIs of vCard 4), ``NOTE``,
``CATEGORIES`` containing ``VIP``, and ``X-VORZIMMER-SALUTATION``/``X-VORZIMMER-BLOCKED``.

Modules: :mod:`.decoding` (bytes → text), :mod:`.csv_table` (text → rows, cell parsers),
:mod:`.client_rows`, :mod:`.caller_rows`, :mod:`.vcards`, :mod:`.report`.
"""

from __future__ import annotations

from clients.importing.caller_rows import import_callers
from clients.importing.client_rows import CLIENT_REQUIRED, import_clients
from clients.importing.csv_table import MAX_FIELD, CsvRow, parse_bool, parse_numbers, read_csv
from clients.importing.decoding import ACCEPTED, decode, read_text
from clients.importing.report import ImportReport, RejectedRow, RowError, UnusableFile

__all__ = [
    "ACCEPTED",
    "CLIENT_REQUIRED",
    "MAX_FIELD",
    "CsvRow",
    "ImportReport",
    "RejectedRow",
    "RowError",
    "UnusableFile",
    "decode",
    "import_callers",
    "import_clients",
    "parse_bool",
    "parse_numbers",
    "read_csv",
    "read_text",
]
