"""Services V2 and Site Properties resources: exact requests and parsed results."""

from __future__ import annotations

from decimal import Decimal

import pytest

from booking_site.wix import WixClient, WixNotFound
from booking_site.wix.models import Image, Money, ServiceType, SiteProperties, StaffProfile

from .fakes import ADMIN_HEADERS, FakeWix, auth_headers, one_service_page

QUERY = "/bookings/v2/services/query"
SORT = [{"fieldName": "sortOrder", "order": "ASC"}]
BOOKINGS_APP = "13d21c63-b5ec-5912-8397-c3a5ddb27a97"
# docs/wix-contract.md §20: Wix Bookings shows services of its app id or with no app id.
BOOKINGS_ONLY = [{"appId": BOOKINGS_APP}, {"appId": {"$exists": False}}]


def test_query_follows_offset_pages_until_total(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", QUERY, "services_page1")
    fake.add("POST", QUERY, "services_page2")

    services = wix.services.query()

    assert [s.id for s in services] == ["svc-massage", "svc-yoga", "svc-course"]
    assert fake.bodies(QUERY) == [
        {
            "query": {
                "filter": {"$or": BOOKINGS_ONLY, "hidden": False},
                "sort": SORT,
                "paging": {"limit": 100, "offset": 0},
            },
            "conditionalFields": ["STAFF_MEMBER_DETAILS"],
        },
        {
            "query": {
                "filter": {"$or": BOOKINGS_ONLY, "hidden": False},
                "sort": SORT,
                "paging": {"limit": 100, "offset": 2},
            },
            "conditionalFields": ["STAFF_MEMBER_DETAILS"],
        },
    ]
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS


def test_query_builds_every_filter(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", QUERY, one_service_page())

    wix.services.query(
        type="APPOINTMENT",
        category_id="cat-treatments",
        slug="deep-tissue-massage",
        ids=["svc-massage", "svc-yoga"],
        include_hidden=True,
        with_staff=False,
    )

    assert fake.body() == {
        "query": {
            "filter": {
                "$or": BOOKINGS_ONLY,
                "type": {"$eq": "APPOINTMENT"},
                "category.id": "cat-treatments",
                "supportedSlugs.name": {"$hasSome": ["deep-tissue-massage"]},
                "id": {"$in": ["svc-massage", "svc-yoga"]},
            },
            "sort": SORT,
            "paging": {"limit": 100, "offset": 0},
        }
    }


def test_query_with_empty_ids_makes_no_call(wix: WixClient, fake: FakeWix) -> None:
    assert wix.services.query(ids=[]) == ()
    assert fake.requests == []


def test_query_without_total_stops_on_short_page(wix: WixClient, fake: FakeWix) -> None:
    page = one_service_page()
    page["pagingMetadata"] = {"count": 1, "offset": 0, "tooManyToCount": True}
    fake.add("POST", QUERY, page)

    services = wix.services.query()

    assert len(services) == 1
    assert len(fake.requests) == 1


def test_query_parses_the_appointment_service(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", QUERY, "services_page1")
    fake.add("POST", QUERY, "services_page2")

    massage, yoga, course = wix.services.query()

    assert massage.type is ServiceType.APPOINTMENT
    assert massage.slug == "deep-tissue-massage"
    assert massage.supported_slugs == ("deep-tissue-massage", "massage-old")
    assert massage.payment.price == Money(Decimal("60"), "GBP", "£60.00")
    assert massage.payment.deposit is None  # options.deposit is false
    assert [s.name for s in massage.staff] == ["Sam", "Alex"]
    assert massage.durations_minutes == (60, 90)
    assert yoga.policy.max_participants_per_booking == 4
    assert yoga.requires_manual_approval is True
    assert course.payment.is_free is True


def test_get_sends_conditional_fields_and_parses(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", "/bookings/v2/services/svc-massage", "service_get")

    service = wix.services.get("svc-massage")

    assert fake.calls() == [
        ("GET", "/bookings/v2/services/svc-massage?conditionalFields=STAFF_MEMBER_DETAILS")
    ]
    assert service.id == "svc-massage"
    assert service.schedule_id == "sched-massage"


def test_get_unknown_service_raises_not_found(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", "/bookings/v2/services/missing", {"message": "not found"}, status=404)

    with pytest.raises(WixNotFound):
        wix.services.get("missing", with_staff=False)

    assert fake.calls() == [("GET", "/bookings/v2/services/missing")]


def test_get_quotes_the_id_in_the_path(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", "/bookings/v2/services/a/b", "service_get")

    wix.services.get("a/b", with_staff=False)

    assert fake.calls() == [("GET", "/bookings/v2/services/a%2Fb")]


def test_site_properties_are_read_and_parsed(wix: WixClient, fake: FakeWix) -> None:
    fake.add("GET", "/site-properties/v4/properties", "site_properties")

    properties = wix.site.get_properties()

    assert fake.calls() == [("GET", "/site-properties/v4/properties")]
    assert auth_headers(fake.requests[0]) == ADMIN_HEADERS
    assert properties == SiteProperties(
        time_zone="Europe/London",
        currency="GBP",
        locale="en-GB",
        business_name="Example Studio",
        email="owner@example.com",
        phone="+440000000",
        address_text="1 High St, London N1, UK",
        # ``logo`` is a Wix Media path without the media base URL (SDK ``Properties.logo``).
        logo_url="https://static.wixstatic.com/media/11062b_logo~mv2.png",
    )


def test_query_keeps_only_wix_bookings_services(wix: WixClient, fake: FakeWix) -> None:
    page = one_service_page()
    ours = page["services"][0]
    no_app = {**ours, "id": "svc-old"}
    no_app.pop("appId", None)
    other = {**ours, "id": "svc-meeting", "appId": "6646a75c-2027-4f49-976c-58f3d713ed0f"}
    page["services"] = [ours, no_app, other]
    page["pagingMetadata"] = {"count": 3, "offset": 0, "total": 3, "tooManyToCount": False}
    fake.add("POST", QUERY, page)

    services = wix.services.query()

    # Even if Wix ignored the filter, another app's service never reaches the site.
    assert [s.id for s in services] == [ours["id"], "svc-old"]


def test_query_of_other_apps_asks_for_their_app_ids(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", QUERY, one_service_page())

    wix.services.query(other_apps=True, with_staff=False)

    assert fake.body()["query"]["filter"] == {
        "appId": {"$exists": True, "$ne": BOOKINGS_APP},
        "hidden": False,
    }


STAFF_QUERY = "/bookings/v1/staff-members/query"


def test_staff_members_are_queried_by_resource_id(wix: WixClient, fake: FakeWix) -> None:
    fake.add("POST", STAFF_QUERY, "staff_members_query")

    found = wix.staff.query(resource_ids=["res-sam", "res-alex"])

    assert fake.bodies(STAFF_QUERY) == [
        {
            "query": {
                "filter": {"resourceId": {"$in": ["res-sam", "res-alex"]}},
                "cursorPaging": {"limit": 100},
            }
        }
    ]
    assert found == (
        StaffProfile(
            id="staff-sam",
            resource_id="res-sam",
            name="Sam",
            description="Sports massage therapist.",
            image=Image(
                url="https://static.wixstatic.com/media/sam.jpg",
                alt="Sam",
                width=400,
                height=400,
            ),
        ),
        StaffProfile(
            id="staff-alex", resource_id="res-alex", name="Alex", description=None, image=None
        ),
    )


def test_staff_query_without_ids_asks_nothing(wix: WixClient, fake: FakeWix) -> None:
    assert wix.staff.query(resource_ids=[]) == ()
    assert fake.calls() == []


def test_staff_query_without_a_filter_reads_the_business_first_page(
    wix: WixClient, fake: FakeWix
) -> None:
    fake.add("POST", STAFF_QUERY, "staff_members_query")

    found = wix.staff.query()

    assert fake.bodies(STAFF_QUERY) == [{"query": {"cursorPaging": {"limit": 100}}}]
    assert [p.resource_id for p in found] == ["res-sam", "res-alex"]
