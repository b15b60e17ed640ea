from __future__ import annotations

import datetime as dt

from clients.demo import demo_data, load_demo
from clients.model import Variant
from storage.interfaces import ClientStore
from tests.clients.conftest import berlin


def test_demo_loads_once_with_every_variant(store: ClientStore) -> None:
    now = berlin(2024, 11, 5, 10, 0)
    assert load_demo(store, now) == 4
    before = store._one("SELECT count(*) FROM calls")[0]  # type: ignore[attr-defined]
    assert load_demo(store, now) == 0  # idempotent
    assert store._one("SELECT count(*) FROM calls")[0] == before > 0  # type: ignore[attr-defined]
    codes = {c.code for c in store.list_clients()}
    assert codes == {"ROTH", "YILMAZ", "SCHULZE", "NORDLICHT"}
    for client in store.list_clients():
        profile = store.get_profile(client.id or 0)
        assert profile is not None
        assert {s.variant for s in profile.scripts} == set(Variant)
        assert all(s.language == client.language for s in profile.scripts)
        assert profile.staff and profile.numbers and profile.hours.intervals
        assert store.list_callers(client.id)
    assert store.get_client_by_code("NORDLICHT").language == "en"  # type: ignore[union-attr]
    assert {c.state for c in store.list_clients()} == {"BE", "HH", "BY"}
    recent = store.recent_calls(100)
    assert all(c.started_at < now and c.client_id for c in recent)
    assert all(now - c.started_at < dt.timedelta(days=8) for c in recent)


def test_demo_numbers_use_the_documented_dids() -> None:
    dids = [c["numbers"][0][0] for c in demo_data()["clients"]]
    assert dids == [f"+49 30 555 010 0{i}" for i in range(1, 5)]
