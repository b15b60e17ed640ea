"""Each call is judged by its own client's service-level threshold (``clients.
service_level_s``, migration 13), on both backends; ``--sl-seconds`` overrides it for all.
The figures are worked out by hand from tests/office/scripted_day.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from appenv.paths import AppPaths
from clients.model import Client
from office.stats import Dimension
from office.stats_query import FiguresQuery, client_thresholds, read_figures
from storage import open_database, use_database
from tests.office.scripted_day import DAY
from tests.office.stored_day import fill
from tests.office.test_stats_cli import DAY as DAY_ARGS
from tests.office.test_stats_cli import csv_rows, stats

THRESHOLDS = {"ROTH": 10, "BAU": 30}  # OTHER keeps the default 20 s


@pytest.fixture(autouse=True)
def _no_override() -> Iterator[None]:
    yield
    use_database(None)


def test_the_threshold_is_stored_per_client(db_location: str | Path) -> None:
    with open_database(db_location) as db:
        added = db.clients.add_client(Client(code="ROTH", name="Roth", service_level_s=15))
        assert added.id is not None
        assert db.clients.get_client(added.id) == added
        db.clients.update_client(Client(id=added.id, code="ROTH", name="Roth", service_level_s=45))
        db.clients.add_client(Client(code="BAU", name="Bau"))
        assert client_thresholds(db) == {"ROTH": 45.0, "BAU": 20.0}
    with pytest.raises(ValueError, match="1–600 seconds"):
        Client(code="X", name="X", service_level_s=0)


def test_each_call_counts_by_its_clients_threshold(db_location: str | Path) -> None:
    fill(db_location, THRESHOLDS)
    with open_database(db_location) as db:
        report = read_figures(db, FiguresQuery(first=DAY, last=DAY))
    rows = {r.group[0]: r for r in report.rows}
    # ROTH, T = 10 s: answered r1 10 s (within: inclusive), r2 25 s, r5 5 s (within),
    # r8 12 s → SL 2/4; abandoned r3 3 s (within), r4 40 s → SL2 (2 + 1) / (4 + 2)
    roth = rows["ROTH"]
    assert (roth.sl_threshold_s, roth.sl, roth.sl2) == (10.0, 0.5, 0.5)
    # BAU, T = 30 s: answered b1 25 s, b3 4 s (both within) → SL 2/2; abandoned b2 10 s
    # (within) → SL2 3/3 (b4, interrupted while ringing, is missed, not abandoned)
    bau = rows["BAU"]
    assert (bau.sl_threshold_s, bau.sl, bau.sl2) == (30.0, 1.0, 1.0)
    assert (rows["OTHER"].sl_threshold_s, rows["OTHER"].sl) == (20.0, 1.0)  # o1 1 s
    # all calls: 2 + 2 + 1 within of 7 answered; no single T
    total = report.total
    assert total.sl_threshold_s is None and total.sl == pytest.approx(5 / 7)
    assert total.sl2 == pytest.approx((5 + 1 + 1) / (7 + 3))
    # by operator a row mixes clients: Anna r1 (10 s, T 10), r5 (5 s, T 10), b1 (25 s, T 30)
    with open_database(db_location) as db:
        by_operator = read_figures(db, FiguresQuery(first=DAY, last=DAY, by=(Dimension.OPERATOR,)))
    anna = next(r for r in by_operator.rows if r.group == ("Anna",))
    assert (anna.answered, anna.sl, anna.sl_threshold_s) == (3, 1.0, None)


def test_sl_seconds_overrides_every_clients_threshold(
    app_paths: AppPaths, db_location: str | Path
) -> None:
    fill(db_location, THRESHOLDS)
    code, out, err = stats(app_paths, db_location, *DAY_ARGS, "--csv")
    assert (code, err) == (0, "")
    own = {r["client"]: r for r in csv_rows(out)}
    assert [own[c]["sl_threshold_s"] for c in ("BAU", "OTHER", "ROTH")] == ["30.0", "20.0", "10.0"]
    assert (own["ROTH"]["sl_percent"], own["BAU"]["sl_percent"]) == ("50.0", "100.0")
    code, out, _ = stats(app_paths, db_location, *DAY_ARGS, "--csv", "--sl-seconds", "20")
    assert code == 0
    one = {r["client"]: r for r in csv_rows(out)}
    assert {r["sl_threshold_s"] for r in one.values()} == {"20.0"}
    # ROTH at 20 s: r1 r5 r8 within → 75 %; BAU at 20 s: only b3 → 50 %
    assert (one["ROTH"]["sl_percent"], one["BAU"]["sl_percent"]) == ("75.0", "50.0")
    code, table, _ = stats(app_paths, db_location, *DAY_ARGS)
    assert code == 0 and "T = each client's own" in table
