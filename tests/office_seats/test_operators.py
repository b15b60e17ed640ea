"""Operator accounts with argon2 on both backends: who may create, what is refused."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from office import operators as ops
from office.model import Role
from storage import Database

PW = "korrekt-Pferd-7"


def test_the_first_account_is_an_admin_and_its_hash_is_not_the_password(db: Database):
    first = ops.create_operator(db.operators, "Weber", "Frau Weber", PW)
    assert first.login == "weber" and first.role == Role.ADMIN and first.active
    stored = db.operators.password_hash("weber")
    assert stored is not None and PW not in stored and stored.startswith("$argon2id$")
    assert ops.verify(db.operators, "weber", PW) == first
    assert ops.verify(db.operators, " WEBER ", PW).login == "weber"  # the login's spelling


def test_wrong_password_and_unknown_login_are_refused_alike(db: Database):
    ops.create_operator(db.operators, "weber", "Frau Weber", PW)
    with pytest.raises(ops.LoginFailed) as wrong:
        ops.verify(db.operators, "weber", PW + "x")
    with pytest.raises(ops.LoginFailed) as unknown:
        ops.verify(db.operators, "nobody", PW)
    assert str(wrong.value) == str(unknown.value) == "The login name or the password is wrong."
    with pytest.raises(ops.LoginFailed):
        ops.verify(db.operators, "", "")


def test_only_an_admin_creates_accounts(db: Database):
    admin = ops.create_operator(db.operators, "weber", "Frau Weber", PW)
    with pytest.raises(ops.NotAllowed):
        ops.create_operator(db.operators, "mai", "Herr Mai", PW)  # nobody acting
    mai = ops.create_operator(db.operators, "mai", "Herr Mai", PW, by=admin)
    assert mai.role == Role.OPERATOR
    with pytest.raises(ops.NotAllowed):
        ops.create_operator(db.operators, "kaya", "Frau Kaya", PW, by=mai)
    with pytest.raises(ops.LoginTaken):
        ops.create_operator(db.operators, "MAI", "Noch ein Mai", PW, by=admin)
    assert [o.login for o in db.operators.list_operators()] == ["mai", "weber"]
    assert db.operators.count_operators() == 2


def test_a_disabled_account_is_refused_even_with_its_password(db: Database):
    admin = ops.create_operator(db.operators, "weber", "Frau Weber", PW)
    ops.create_operator(db.operators, "mai", "Herr Mai", PW, by=admin)
    ops.disable(db.operators, "mai", by=admin)
    with pytest.raises(ops.AccountDisabled):
        ops.verify(db.operators, "mai", PW)
    with pytest.raises(ops.LoginFailed):  # a wrong password does not learn it is disabled
        ops.verify(db.operators, "mai", "falsch-falsch")
    with pytest.raises(ops.AccountError):  # the last admin stays
        ops.disable(db.operators, "weber", by=admin)


def test_changing_the_password(db: Database):
    admin = ops.create_operator(db.operators, "weber", "Frau Weber", PW)
    mai = ops.create_operator(db.operators, "mai", "Herr Mai", PW, by=admin)
    ops.change_password(db.operators, "mai", "neues-Passwort-1", by=mai)
    with pytest.raises(ops.LoginFailed):
        ops.verify(db.operators, "mai", PW)
    assert ops.verify(db.operators, "mai", "neues-Passwort-1").login == "mai"
    with pytest.raises(ops.NotAllowed):
        ops.change_password(db.operators, "weber", "gekapert-123", by=mai)
    ops.change_password(db.operators, "mai", "vom-admin-gesetzt", by=admin)
    assert ops.verify(db.operators, "mai", "vom-admin-gesetzt").login == "mai"
    with pytest.raises(ops.BadAccount):
        ops.change_password(db.operators, "mai", "kurz", by=admin)


def test_a_hash_with_old_parameters_is_renewed_at_login(db: Database):
    ops.create_operator(db.operators, "weber", "Frau Weber", PW)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PW)
    db.operators.set_password_hash("weber", weak)
    ops.verify(db.operators, "weber", PW)
    renewed = db.operators.password_hash("weber")
    assert renewed is not None and renewed != weak
    assert not ops.hasher().check_needs_rehash(renewed)
    assert ops.verify(db.operators, "weber", PW).login == "weber"


def test_unusable_logins_names_and_passwords(db: Database):
    for login, name, password in (
        ("two words", "X", PW),
        ("", "X", PW),
        ("weber", "  ", PW),
        ("weber", "Frau Weber", "short"),
    ):
        with pytest.raises(ops.BadAccount):
            ops.create_operator(db.operators, login, name, password)
    assert db.operators.count_operators() == 0
