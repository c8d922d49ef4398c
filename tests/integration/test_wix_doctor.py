"""``manage.py wix_doctor`` against the sandbox: clean by default, and each misconfiguration the
sandbox can simulate shows up in the report (failing the command when it breaks bookings)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wix_sandbox import Sandbox
from wix_sandbox.app import MISCONFIGURATIONS

pytestmark = pytest.mark.django_db(transaction=True)

# misconfiguration → (command fails?, a line the report must contain)
EXPECTED = {
    "site_not_accepting_payments": (True, "[FAIL] checkout: The site doesn't accept online"),
    # Wix checks the domain only on the way back (§26.1): the doctor can't see it, and says so.
    "callback_host_not_allowed": (False, "[TODO] callback domain: Not verifiable from here"),
    "visitor_action_tokens": (False, "[ OK ] status without key: Customers' visitors may mint"),
    "api_key_revoked": (True, "[FAIL] API key: Wix refused the API key or site id (HTTP 401"),
    "client_id_unknown": (True, "[FAIL] visitor identity: Wix refused a visitor token"),
    "free_service_not_payable_in_person": (
        True,
        "[FAIL] service Wellbeing consultation: Free or priced on request",
    ),
    "site_properties_admin_only": (False, "[WARN] site properties: Visitors can't read"),
    "reject_non_appointment_slots": (
        False,
        "[ OK ] class availability: Wix refuses appointment availability for classes",
    ),
    "booking_form_restricted": (
        False,
        "[WARN] service Sports massage: Uses a custom booking form the site can't read",
    ),
    "echo_local_slot_dates": (
        False,
        "[ OK ] booking dates: Create Booking echoes local slot times",
    ),
}


def _doctor(*args: str) -> tuple[str, bool]:
    out = StringIO()
    try:
        call_command("wix_doctor", *args, stdout=out, no_color=True)
    except CommandError:
        return out.getvalue(), True
    return out.getvalue(), False


def test_every_sandbox_misconfiguration_has_an_expectation() -> None:
    assert set(EXPECTED) == set(MISCONFIGURATIONS)


def test_doctor_passes_on_the_demo_site_and_cleans_up(sandbox: Sandbox) -> None:
    report, failed = _doctor("--site-url", "http://localhost:8000")

    assert not failed, report
    assert "[FAIL]" not in report
    assert "[WARN]" not in report
    assert (
        "[ OK ] checkout: A booking of Deep tissue massage reached Wix's hosted checkout." in report
    )
    assert "[ OK ] time zone: Business time zone: Europe/London." in report
    assert "[ OK ] currency: Payment currency: GBP." in report
    test_bookings = [
        b for b in sandbox.bookings() if (b.get("externalUserId") or "").startswith("wix-doctor-")
    ]
    assert [b["status"] for b in test_bookings] == ["CANCELED"]


def test_doctor_never_claims_the_callback_domain_is_allowed(sandbox: Sandbox) -> None:
    """Wix checks the allowed redirect domains on the way back (docs/wix-contract.md §26.1):
    a redirect session created without complaint proves nothing, so the doctor says what to add
    and how to check it by hand instead of reporting it verified."""
    report, failed = _doctor("--site-url", "http://localhost:8000")

    assert not failed, report
    assert "[ OK ] callback domain" not in report
    line = next(line for line in report.splitlines() if "callback domain:" in line)
    assert line.startswith("[TODO] callback domain: Not verifiable from here"), line
    assert "Add the domain localhost under Headless settings" in line
    assert "http://localhost:8000/book/return/" in line
    # The callback domain, the member sign-in redirect URI (issue 18), and the demo's
    # staff-member and date-time variants (checked below).
    assert "4 to check by hand" in report


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_doctor_reports_each_misconfiguration(sandbox: Sandbox, name: str) -> None:
    sandbox.set_misconfiguration(name)
    must_fail, line = EXPECTED[name]

    report, failed = _doctor("--site-url", "http://localhost:8000")

    assert line in report, report
    assert failed is must_fail, report
    assert all(
        b["status"] != "CREATED"
        for b in sandbox.bookings()
        if (b.get("externalUserId") or "").startswith("wix-doctor-")
    )


def test_strict_fails_on_warnings(sandbox: Sandbox) -> None:
    sandbox.set_misconfiguration("site_properties_admin_only")

    _, failed = _doctor("--strict")

    assert failed


def test_no_checkout_skips_the_test_booking(sandbox: Sandbox) -> None:
    before = len(sandbox.bookings())

    report, failed = _doctor("--no-checkout")

    assert not failed
    assert len(sandbox.bookings()) == before
    assert "checkout:" not in report


def test_plain_http_callback_off_loopback_is_a_warning(sandbox: Sandbox) -> None:
    report, failed = _doctor("--site-url", "http://book.example.com", "--no-checkout")

    assert not failed
    assert "[WARN] callback URL: http://book.example.com is not HTTPS" in report


def test_doctor_says_what_the_site_does_with_deposits_and_variants(sandbox: Sandbox) -> None:
    report, failed = _doctor("--site-url", "http://localhost:8000", "--no-checkout")

    assert not failed, report
    assert (
        "[ OK ] deposit Sports recovery massage: Takes a deposit of 50.00 GBP online, per "
        "participant: it is booked with depositSelected true" in report
    )
    assert "[ OK ] deposit Reflexology for two: Takes a deposit of 20.00 GBP online" in report
    assert "customers choose the deposit (depositSelected true) or the full price" in report
    assert "[ OK ] options Thai massage: Duration variants (60 min, 90 min)" in report
    assert "[TODO] options Physiotherapy assessment: Priced by staff member" in report
    assert (
        "[TODO] options Private sauna and cold plunge: Prices by a date time option, which "
        "this site can't book online" in report
    )
    assert "options Family yoga" not in report  # participant categories need no line


def test_member_sign_in_is_checked_where_it_can_be_and_the_allow_list_named() -> None:
    report, failed = _doctor("--site-url", "http://localhost:8000")

    assert not failed
    assert "[TODO] member sign-in: Add http://localhost:8000/account/callback/ exactly" in report
    assert "[ OK ] pricing plans: 2 public plan(s): 10-class pass, Massage trio." in report


def test_doctor_says_what_the_site_does_with_custom_forms_and_other_apps(
    sandbox: Sandbox,
) -> None:
    report, failed = _doctor("--no-checkout")

    assert not failed
    assert (
        "[ OK ] service Sports massage: Uses a custom booking form: the details page also asks "
        "“Which area should the therapist focus on?”, “How often do you train?” (optional)"
    ) in report
    assert (
        "[ OK ] service Studio room hire: Belongs to another Wix app (app id "
        "cc552162-24a4-45e0-9695-230c4931ef40), not Wix Bookings: the site doesn't list it"
    ) in report
