"""What tests and the control API do to the Sandbox's demo site, and what they read back.

``SiteEdits`` are the owner's changes in the Wix dashboard (a form question, a capacity, an
add-on), kept until ``reset()``; ``Snapshots`` are deep copies of what Wix stored. Both are
mixed into ``app.Sandbox`` and take its one lock, as every call does.
"""

from __future__ import annotations

import copy
import dataclasses
import threading
from decimal import Decimal
from typing import Any

from .demo_forms import FORMS, FormFieldSpec
from .ecom import cart_doc, checkout_doc
from .state import State


class SiteEdits:
    """The owner's edits to the demo site, until the Sandbox is reset."""

    _lock: threading.Lock
    _state: State

    def edit_form_field(self, form_id: str, target: str, *, required: bool) -> None:
        """Make a booking form question required or optional, as the owner would, until reset."""
        with self._lock:
            added = self._state.form_added.get(form_id, ())
            if target not in {f.target for f in (*FORMS.get(form_id, ()), *added)}:
                raise ValueError(f"form {form_id!r} has no field {target!r}")
            self._state.form_required[(form_id, target)] = required

    def add_form_field(self, form_id: str, spec: FormFieldSpec) -> None:
        """Add a question to a booking form, as the owner would in Wix Forms, until reset."""
        if form_id not in FORMS:
            raise ValueError(f"no form {form_id!r}")
        with self._lock:
            added = self._state.form_added.get(form_id, ())
            self._state.form_added[form_id] = (*added, spec)

    def set_capacity(self, key: str, capacity: int) -> None:
        """Give a class or course (``"mindfulness"``) another capacity until ``reset()``.

        As when the owner edits the service: the Service's ``defaultCapacity`` and Create
        Booking's capacity check both follow. For tests of large courses (many bookings).
        """
        with self._lock:
            spec = self._state.demo.services[key]
            self._state.demo.replace(dataclasses.replace(spec, capacity=capacity))

    def set_online_addon(self, key: str, amount: str) -> None:
        """Give a service's bookings an add-on charged online (``payment.addOnOption: ONLINE``).

        A plan then pays the session but not the add-on: Calculate Cart's ``payNow`` keeps the
        add-on's price, and the booking goes through the hosted checkout (§28.3 step 5).
        """
        with self._lock:
            self._state.members.online_addons[key] = Decimal(amount)


class Snapshots:
    """Read-only copies of what the Sandbox stored, for tests to assert on."""

    _lock: threading.Lock
    _state: State

    def bookings(self) -> list[dict[str, Any]]:
        with self._lock:
            return [copy.deepcopy(r.doc) for r in self._state.bookings.values()]

    def carts(self) -> list[dict[str, Any]]:
        with self._lock:
            baskets = [b for b in self._state.baskets.values() if b.kind == "cart"]
            return copy.deepcopy([cart_doc(self._state, b) for b in baskets])

    def checkouts(self) -> list[dict[str, Any]]:
        with self._lock:
            baskets = [b for b in self._state.baskets.values() if b.kind == "checkout"]
            return copy.deepcopy([checkout_doc(self._state, b) for b in baskets])

    def orders(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(list(self._state.orders.values()))

    def form_submissions(self) -> list[dict[str, Any]]:
        """The booking form answers Wix stored, with their form and booking ids."""
        with self._lock:
            return copy.deepcopy(list(self._state.form_submissions.values()))

    def call_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._state.call_counts)
