"""Demo services for deposits and every variant option type (docs/wix-contract.md §19, §21).

Kept apart from ``demo_data`` (which adds them to ``SERVICES``) so each kind of service the
sandbox models can be found, and changed, in one place:

- a deposit-only appointment (``payment.options.deposit``, full payment upfront not allowed);
- a deposit-or-full appointment for up to two people (the deposit is taken per participant);
- a duration-variant appointment: 60 min £60 or 90 min £85 (Time Slots honours
  ``customerChoices.durationInMinutes``);
- a staff-member-variant appointment, priced by who treats you;
- a date-and-time-variant appointment (a preview option type the site does not book: it
  shows "book by contacting the business").
"""

from __future__ import annotations

from decimal import Decimal

from .demo_types import ServiceSpec

# DATE_TIME variants' rules by choice name (docs/wix-contract.md §21.1): business-local days.
DATE_TIME_RULES: dict[str, dict[str, object]] = {
    "Weekdays": {
        "ruleType": "HOURS_AND_DAYS",
        "name": "Weekdays",
        "hoursAndDaysRule": {
            "days": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
            "startTime": "00:00",
            "endTime": "23:59",
        },
    },
    "Weekends": {
        "ruleType": "HOURS_AND_DAYS",
        "name": "Weekends",
        "hoursAndDaysRule": {
            "days": ["SATURDAY", "SUNDAY"],
            "startTime": "00:00",
            "endTime": "23:59",
        },
    },
}

PAYMENT_SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "sports_recovery",
        "Sports recovery massage",
        "APPOINTMENT",
        "Deep work for training blocks: a deposit holds your time.",
        "Ninety minutes of sports massage with stretching, for athletes in a training block. "
        "A £50 deposit is paid online when you book; the rest is paid at the studio.",
        "fernleigh-deep-tissue-massage.svg",
        "massage",
        90,
        "FIXED",
        Decimal("180.00"),
        staff=("maya", "tom"),
        locations=("islington", "richmond"),
        deposit=Decimal("50.00"),
    ),
    ServiceSpec(
        "reflexology",
        "Reflexology for two",
        "APPOINTMENT",
        "Side-by-side foot reflexology for you and a friend.",
        "Forty-five calm minutes of reflexology, alone or side by side with a friend. Pay a "
        "£20 deposit per person online and the rest at the studio, or pay it all now.",
        "fernleigh-hot-stone-massage.svg",
        "massage",
        45,
        "FIXED",
        Decimal("80.00"),
        staff=("priya", "maya"),
        locations=("islington",),
        max_participants=2,
        deposit=Decimal("20.00"),
        full_upfront_allowed=True,
    ),
    ServiceSpec(
        "thai_massage",
        "Thai massage",
        "APPOINTMENT",
        "Assisted stretching on a floor mat: choose 60 or 90 minutes.",
        "Traditional Thai massage in loose clothing: rhythmic pressure and assisted stretches. "
        "Choose the length first; the calendar then shows the times that fit it.",
        "fernleigh-deep-tissue-massage.svg",
        "massage",
        60,
        "VARIED",
        staff=("maya", "tom"),
        locations=("islington", "richmond"),
        variant_option="Length",
        option_type="DURATION",
        variants=(("60", Decimal("60.00")), ("90", Decimal("85.00"))),
    ),
    ServiceSpec(
        "physio",
        "Physiotherapy assessment",
        "APPOINTMENT",
        "A 45-minute assessment; the price depends on your practitioner.",
        "An assessment of an injury or recurring pain with a treatment plan. Priya is our "
        "senior physiotherapist; Maya sees sports injuries at a lower rate.",
        "fernleigh-posture-check.svg",
        "consultations",
        45,
        "VARIED",
        staff=("priya", "maya"),
        locations=("islington",),
        variant_option="Practitioner",
        option_type="STAFF_MEMBER",
        variants=(("priya", Decimal("70.00")), ("maya", Decimal("55.00"))),
    ),
    ServiceSpec(
        "sauna",
        "Private sauna and cold plunge",
        "APPOINTMENT",
        "An hour of heat and cold; weekend sessions cost more.",
        "A private hour of sauna rounds and cold plunges. Prices follow the day of the week, "
        "which this booking site cannot take online yet: book with the studio.",
        "fernleigh-vinyasa-flow.svg",
        "consultations",
        60,
        "VARIED",
        staff=("priya",),
        locations=("islington",),
        variant_option="Day",
        option_type="DATE_TIME",
        variants=(("Weekdays", Decimal("25.00")), ("Weekends", Decimal("32.00"))),
    ),
)
