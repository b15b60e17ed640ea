"""Two clients with numbers, scripts, staff and one caller each: the data of the UI tests."""

from __future__ import annotations

from appenv.paths import AppPaths
from clients.model import BusinessHours, Caller, Client, Script, Staff, Variant
from storage import Database, open_database
from storage.interfaces import ClientStore

ALWAYS_OPEN = BusinessHours.weekly({d: [("00:00", "24:00")] for d in range(7)})


def add_demo_client(store: ClientStore, code: str, name: str, number: str, colour: str) -> Client:
    client = store.add_client(Client(code=code, name=name, colour=colour, state="BE"))
    assert client.id is not None
    store.add_number(client.id, number)
    store.set_business_hours(client.id, ALWAYS_OPEN)
    for variant in Variant:
        store.set_script(
            Script(
                client_id=client.id,
                variant=variant,
                language="de",
                greeting=f"{name}, {{greeting}}, {{caller_name}}, Sie sprechen mit {{operator}}.",
                instructions=f"Nur für {name}: Termine nie am Telefon zusagen.",
            )
        )
    return client


def demo_database(app_paths: AppPaths) -> Database:
    db = open_database(app_paths.database, drafts=app_paths.drafts)
    fill_demo(db.clients)
    return db


def fill_demo(store: ClientStore) -> None:
    """Kanzlei Dr. Roth (+49301234567) and Praxis Dr. Yilmaz (+494012345678), a caller each."""
    roth = add_demo_client(store, "ROTH", "Kanzlei Dr. Roth", "+49301234567", "#1f3a5f")
    other = add_demo_client(store, "YIL", "Praxis Dr. Yilmaz", "+494012345678", "#00897b")
    assert roth.id and other.id
    store.add_caller(
        Caller(
            client_id=roth.id,
            name="Jürgen Müller",
            salutation="Herr Müller",
            company="Müller Bau GmbH",
            numbers=("+4917612345678",),
            vip=True,
        )
    )
    store.add_caller(
        Caller(
            client_id=other.id,
            name="Falscher Patient",
            numbers=("+4917612345678",),
            notes="GEHEIM: darf nie erscheinen",
        )
    )
    store.add_staff(
        Staff(
            client_id=roth.id,
            name="Dr. Anna Roth",
            role="Partnerin",
            transfer_target="sip:roth@127.0.0.1",
        )
    )
