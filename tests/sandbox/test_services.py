"""Services V2, variants, locations, categories and site properties
(docs/wix-contract.md §2, §3, §12)."""

from __future__ import annotations

import httpx
import pytest

from wix_sandbox import Sandbox
from wix_sandbox.demo_types import demo_id

from .conftest import app_code


def _query(api: httpx.Client, headers: dict[str, str], query: dict, path: str = "") -> dict:
    response = api.post(
        path or "/bookings/v2/services/query", json={"query": query}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_query_returns_every_service_with_offset_metadata(
    api: httpx.Client, visitor: dict[str, str]
) -> None:
    body = _query(api, visitor, {})

    assert [s["name"] for s in body["services"]] == [
        "Deep tissue massage",
        "Wellbeing consultation",
        "Hot stone massage",
        "Corporate wellbeing morning",
        "Posture check-up",
        "Vinyasa flow",
        "Family yoga",
        "Mindfulness foundations (6 weeks)",
        "Therapist practice session",
        "Studio room hire",
        "Wellbeing talks (4 Thursdays)",
        "Sports recovery massage",
        "Reflexology for two",
        "Thai massage",
        "Physiotherapy assessment",
        "Private sauna and cold plunge",
        "Sports massage",
    ]
    assert body["pagingMetadata"] == {
        "count": 17,
        "offset": 0,
        "total": 17,
        "tooManyToCount": False,
    }


def test_query_pages_with_offset(api: httpx.Client, visitor: dict[str, str]) -> None:
    body = _query(api, visitor, {"paging": {"limit": 3, "offset": 3}})

    assert [s["name"] for s in body["services"]] == [
        "Corporate wellbeing morning",
        "Posture check-up",
        "Vinyasa flow",
    ]
    assert body["pagingMetadata"]["count"] == 3
    assert body["pagingMetadata"]["total"] == 17


def test_query_limit_over_100_is_400(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = api.post(
        "/bookings/v2/services/query", json={"query": {"paging": {"limit": 101}}}, headers=visitor
    )

    assert response.status_code == 400
    assert response.json()["details"]["validationError"]["fieldViolations"][0]["field"] == (
        "paging.limit"
    )


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"type": "CLASS"}, ["Vinyasa flow", "Family yoga"]),
        (
            {"type": {"$eq": "COURSE"}},
            ["Mindfulness foundations (6 weeks)", "Wellbeing talks (4 Thursdays)"],
        ),
        ({"type": {"$in": ["CLASS", "COURSE"]}, "hidden": False}, None),
        ({"hidden": True}, ["Therapist practice session"]),
        ({"onlineBooking.enabled": True, "payment.options.online": False}, None),
    ],
)
def test_query_filters(
    api: httpx.Client, visitor: dict[str, str], filter_: dict, expected: list[str] | None
) -> None:
    names = [s["name"] for s in _query(api, visitor, {"filter": filter_})["services"]]

    if expected is not None:
        assert names == expected
    else:
        assert names
        assert "Therapist practice session" not in names or filter_.get("hidden") is not False


def test_query_by_category_and_staff(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    by_category = _query(
        api, visitor, {"filter": {"category.id": sandbox.demo.category("classes")}}
    )
    by_staff = _query(
        api, visitor, {"filter": {"staffMemberIds": {"$hasSome": [sandbox.demo.staff("tom")]}}}
    )

    assert [s["name"] for s in by_category["services"]] == ["Vinyasa flow", "Family yoga"]
    assert [s["name"] for s in by_staff["services"]] == [
        "Deep tissue massage",
        "Hot stone massage",
        "Therapist practice session",
        "Sports recovery massage",
        "Thai massage",
        "Sports massage",
    ]


def test_query_rejects_bare_category_id(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = api.post(
        "/bookings/v2/services/query",
        json={"query": {"filter": {"categoryId": "x"}}},
        headers=visitor,
    )

    assert response.status_code == 400


def test_query_sorts(api: httpx.Client, visitor: dict[str, str]) -> None:
    body = _query(api, visitor, {"sort": [{"fieldName": "name", "order": "DESC"}]})

    assert [s["name"] for s in body["services"][:2]] == [
        "Wellbeing talks (4 Thursdays)",
        "Wellbeing consultation",
    ]


def test_api_alias_path(api: httpx.Client, visitor: dict[str, str]) -> None:
    body = _query(api, visitor, {"filter": {"type": "COURSE"}}, "/_api/bookings/v2/services/query")

    assert len(body["services"]) == 2


def test_service_object_has_the_documented_fields(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    service = api.get(
        f"/bookings/v2/services/{sandbox.demo.service('massage')}", headers=visitor
    ).json()["service"]

    assert service["type"] == "APPOINTMENT"
    assert service["appId"] == "13d21c63-b5ec-5912-8397-c3a5ddb27a97"
    assert service["payment"]["rateType"] == "FIXED"
    assert service["payment"]["fixed"]["price"] == {
        "value": "65.00",
        "currency": "GBP",
        "formattedValue": "£65.00",
    }
    assert service["payment"]["options"] == {
        "online": True,
        "inPerson": False,
        "deposit": False,
        # The demo's "Massage trio" plan pays for it (wix_sandbox/demo_plans.py, §28.2).
        "pricingPlan": True,
    }
    assert service["payment"]["pricingPlanIds"] == [demo_id("plan", "massage_trio")]
    assert service["media"]["mainMedia"]["image"]["url"] == "fernleigh-deep-tissue-massage.svg"
    assert [loc["business"]["name"] for loc in service["locations"]] == [
        "Fernleigh Islington",
        "Fernleigh Richmond",
    ]
    assert service["bookingPolicy"]["limitEarlyBookingPolicy"] == {
        "enabled": True,
        "earliestBookingInMinutes": 43200,
    }
    assert service["bookingPolicy"]["limitLateBookingPolicy"] == {
        "enabled": True,
        "latestBookingInMinutes": 120,
    }
    assert service["bookingPolicy"]["participantsPolicy"] == {"maxParticipantsPerBooking": 1}
    assert service["schedule"]["availabilityConstraints"]["sessionDurations"] == [60]
    assert service["staffMemberIds"] == [sandbox.demo.staff(k) for k in ("maya", "tom", "priya")]
    assert service["mainSlug"]["name"] == "deep-tissue-massage"
    assert "staffMemberDetails" not in service


def test_get_service_with_staff_details(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    service = api.get(
        f"/bookings/v2/services/{sandbox.demo.service('hot_stone')}",
        params={"conditionalFields": "STAFF_MEMBER_DETAILS"},
        headers=visitor,
    ).json()["service"]

    assert service["staffMemberDetails"]["staffMembers"][0]["name"] == "Tom Reilly"
    assert service["onlineBooking"]["requireManualApproval"] is True


def test_get_unknown_service_is_404(api: httpx.Client, visitor: dict[str, str]) -> None:
    response = api.get("/bookings/v2/services/not-a-service", headers=visitor)

    assert response.status_code == 404
    assert app_code(response) == "SERVICE_NOT_FOUND"


def test_demo_covers_every_kind_of_service(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    services = {s["id"]: s for s in _query(api, visitor, {})["services"]}
    demo = sandbox.demo

    assert "category" not in services[demo.service("posture")]
    assert services[demo.service("corporate")]["payment"]["custom"]["description"]
    assert services[demo.service("consultation")]["payment"]["rateType"] == "NO_FEE"
    assert services[demo.service("family_yoga")]["payment"]["varied"]["minPrice"]["value"] == "8.00"
    course = services[demo.service("mindfulness")]
    assert course["schedule"]["firstSessionStart"] == "2026-03-12T19:00:00.000Z"
    assert course["schedule"]["lastSessionEnd"] == "2026-04-16T19:30:00.000Z"
    assert course["defaultCapacity"] == 10


def test_locations_and_categories_queries(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    locations = api.post(
        "/bookings/v2/services/locations/query",
        json={"filter": {"services": {"id": sandbox.demo.service("hot_stone")}}},
        headers=visitor,
    ).json()
    categories = api.post(
        "/bookings/v2/services/categories/query", json={"filter": {}}, headers=visitor
    ).json()

    assert [loc["business"]["name"] for loc in locations["businessLocations"]["locations"]] == [
        "Fernleigh Richmond"
    ]
    assert locations["customLocations"] == {"exists": False}
    assert [c["name"] for c in categories["categories"]] == [
        "Massage & bodywork",
        "Consultations",
        "Movement classes",
        "Courses",
    ]


def test_variants_of_a_varied_service(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    variants = api.get(
        "/bookings/v1/serviceOptionsAndVariants/service_id/" + sandbox.demo.service("family_yoga"),
        headers=visitor,
    ).json()["serviceVariants"]

    assert variants["options"]["values"][0]["id"] == sandbox.demo.option("family_yoga")
    assert variants["options"]["values"][0]["customData"]["choices"] == ["Adult", "Child"]
    assert [
        (v["choices"][0]["custom"], v["price"]["value"]) for v in variants["variants"]["values"]
    ] == [
        ("Adult", "14.00"),
        ("Child", "8.00"),
    ]


def test_variants_of_a_service_without_any_is_404(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    response = api.get(
        "/bookings/v1/serviceOptionsAndVariants/service_id/" + sandbox.demo.service("massage"),
        headers=visitor,
    )

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/site-properties/v4/properties", "/site-properties/properties"])
def test_site_properties(api: httpx.Client, visitor: dict[str, str], path: str) -> None:
    props = api.get(path, headers=visitor).json()["properties"]

    assert props["timeZone"] == "Europe/London"
    assert props["paymentCurrency"] == "GBP"
    assert props["businessName"] == "Fernleigh Wellbeing Studio"


def test_site_properties_field_mask(api: httpx.Client, admin: dict[str, str]) -> None:
    response = api.get(
        "/site-properties/v4/properties?fields.paths=timeZone&fields.paths=locale", headers=admin
    )

    assert response.json()["properties"] == {
        "timeZone": "Europe/London",
        "locale": {"languageCode": "en", "country": "GB"},
    }


def test_staff_and_locations_lists(api: httpx.Client, admin: dict[str, str]) -> None:
    staff = api.post("/bookings/v1/staff-members/query", json={"query": {}}, headers=admin).json()
    locations = api.get("/locations/v1/locations", headers=admin).json()

    assert sorted(s["name"] for s in staff["staffMembers"]) == [
        "Leo Marchetti",
        "Maya Okafor",
        "Priya Shah",
        "Tom Reilly",
    ]
    assert [loc["timeZone"] for loc in locations["locations"]] == ["Europe/London"] * 2


BOOKINGS_APP = "13d21c63-b5ec-5912-8397-c3a5ddb27a97"
WIX_SERVICES_APP = "cc552162-24a4-45e0-9695-230c4931ef40"
# docs/wix-contract.md §20: Wix Bookings shows services of its own app id or with none.
BOOKINGS_ONLY = {"$or": [{"appId": BOOKINGS_APP}, {"appId": {"$exists": False}}]}


def test_services_carry_their_app_id_or_none(
    api: httpx.Client, visitor: dict[str, str], sandbox: Sandbox
) -> None:
    apps = {s["name"]: s.get("appId") for s in _query(api, visitor, {})["services"]}

    assert apps["Studio room hire"] == WIX_SERVICES_APP
    assert (
        "appId"
        not in _query(api, visitor, {"filter": {"id": sandbox.demo.service("corporate")}})[
            "services"
        ][0]
    )
    assert apps["Deep tissue massage"] == BOOKINGS_APP


def test_bookings_app_filter_keeps_services_without_an_app_id(
    api: httpx.Client, visitor: dict[str, str]
) -> None:
    both = [s["name"] for s in _query(api, visitor, {"filter": BOOKINGS_ONLY})["services"]]
    eq_only = [
        s["name"] for s in _query(api, visitor, {"filter": {"appId": BOOKINGS_APP}})["services"]
    ]

    assert "Studio room hire" not in both
    assert "Corporate wellbeing morning" in both
    assert len(both) == 16
    # Wix's recipe filter ($eq alone) drops the service without an app id, as §20 warns.
    assert "Corporate wellbeing morning" not in eq_only
    assert "Studio room hire" not in eq_only


def test_other_apps_services_are_found_by_their_app_id(
    api: httpx.Client, visitor: dict[str, str]
) -> None:
    others = {"appId": {"$exists": True, "$ne": BOOKINGS_APP}}

    names = [s["name"] for s in _query(api, visitor, {"filter": others})["services"]]

    assert names == ["Studio room hire"]
