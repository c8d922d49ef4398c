"""Wix Forms: a service's booking form (docs/wix-contract.md §13.4, §25)."""

from __future__ import annotations

from booking_site.wix.models.form_schemas import BookingForm
from booking_site.wix.resources._base import Resource, segment

BASE = "/form-schema-service/v4/forms"


class FormsAPI(Resource):
    """Read a booking form: the summary (labels, types, options) and the schema (required)."""

    def get_booking_form(self, form_id: str) -> BookingForm:
        """Get Form Summary, then Get Form for what the summary lacks (required, hidden).

        Both are read with the shared identity (the API key when configured: Wix lists them
        for apps; visitor access is unconfirmed, §25).
        https://dev.wix.com/docs/api-reference/crm/forms/form-schemas/get-form-summary
        https://dev.wix.com/docs/api-reference/crm/forms/form-schemas/get-form
        """
        path = f"{BASE}/{segment(form_id)}"
        summary = self._caller.request("GET", f"{path}/summary", identity="any", retry=True)
        full = self._caller.request("GET", path, identity="any", retry=True)
        return BookingForm.from_api(summary.get("formSummary"), full.get("form"))
