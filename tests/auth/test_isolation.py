"""One user cannot read or change another's campaigns or Local Connect sessions."""

import sqlalchemy as sa

from tests.auth.conftest import bearer, register


def seed_campaign(engine, user_id: int, name: str) -> int:
    with engine.begin() as conn:
        return conn.scalar(
            sa.text(
                "insert into app.campaigns (user_id, name, platform, idempotency_key, spent)"
                " values (:u, :n, 'sandbox', :k, 12.34) returning id"
            ),
            {"u": user_id, "n": name, "k": f"key-{name}"},
        )


def test_campaigns_are_private(client, clean_db):
    ann = register(client).json()
    bob = register(client, email="bob@example.com", name="Bob").json()
    anns = seed_campaign(clean_db, ann["user"]["id"], "Ann's keto")
    seed_campaign(clean_db, bob["user"]["id"], "Bob's yoga")

    listed = client.get("/api/campaigns", headers=bearer(ann["token"])).json()["campaigns"]
    assert [c["name"] for c in listed] == ["Ann's keto"] and listed[0]["spent"] == "12.34"

    # Bob sees Ann's campaign as missing, and cannot rename it.
    assert client.get(f"/api/campaigns/{anns}", headers=bearer(bob["token"])).status_code == 404
    renamed = client.patch(
        f"/api/campaigns/{anns}", json={"name": "mine now"}, headers=bearer(bob["token"])
    )
    assert renamed.status_code == 404
    with clean_db.connect() as conn:
        assert (
            conn.scalar(sa.text("select name from app.campaigns where id = :i"), {"i": anns})
            == "Ann's keto"
        )

    own = client.patch(
        f"/api/campaigns/{anns}", json={"name": "Keto, spring"}, headers=bearer(ann["token"])
    )
    assert own.status_code == 200 and own.json()["campaign"]["name"] == "Keto, spring"
    assert client.get("/api/campaigns").status_code == 401
