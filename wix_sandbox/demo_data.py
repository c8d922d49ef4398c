"""The demo business: a London wellbeing studio with every kind of Wix Bookings service.

Static facts only (names, prices, hours, policies). Dates are never stored here: the
course start and the seeded bookings derive from the sandbox's "today" (``seed.py``,
``sessions.py``), so the demo never goes stale.
"""

from __future__ import annotations

from decimal import Decimal

from .demo_courses import COURSES
from .demo_payments import PAYMENT_SERVICES
from .demo_types import (
    WIX_SERVICES_APP_ID,
    ActionPolicy,
    Category,
    Location,
    Recurrence,
    ServiceSpec,
    Staff,
    WorkingHours,
)

LOCATIONS: tuple[Location, ...] = (
    Location(
        "islington",
        "Fernleigh Islington",
        "14",
        "Camden Passage",
        "London",
        "N1 8ED",
        "+44 20 7946 0132",
        "islington@fernleigh.example",
        51.5362,
        -0.1033,
        default=True,
    ),
    Location(
        "richmond",
        "Fernleigh Richmond",
        "3",
        "Hill Rise",
        "Richmond",
        "TW10 6UQ",
        "+44 20 7946 0178",
        "richmond@fernleigh.example",
        51.4571,
        -0.3020,
    ),
)

STAFF: tuple[Staff, ...] = (
    Staff(
        "maya",
        "Maya Okafor",
        "maya@fernleigh.example",
        "Senior massage therapist with twelve years in sports and deep tissue work.",
        "fernleigh-staff-maya.svg",
        (
            *tuple(WorkingHours(d, "09:00", "17:00", "islington") for d in (0, 1, 2, 3)),
            WorkingHours(4, "09:00", "15:00", "richmond"),
        ),
    ),
    Staff(
        "tom",
        "Tom Reilly",
        "tom@fernleigh.example",
        "Hot stone and relaxation specialist; runs the Richmond treatment rooms.",
        "fernleigh-staff-tom.svg",
        (
            *tuple(WorkingHours(d, "10:00", "18:00", "richmond") for d in (1, 2, 3, 4, 5)),
            WorkingHours(6, "11:00", "16:00", "richmond"),
        ),
    ),
    Staff(
        "priya",
        "Priya Shah",
        "priya@fernleigh.example",
        "Physiotherapist and family yoga teacher; posture and movement assessments.",
        "fernleigh-staff-priya.svg",
        (
            WorkingHours(0, "08:30", "14:30", "islington"),
            WorkingHours(2, "08:30", "14:30", "islington"),
            WorkingHours(3, "12:00", "19:00", "richmond"),
            WorkingHours(5, "08:30", "13:30", "islington"),
        ),
    ),
    Staff(
        "leo",
        "Leo Marchetti",
        "leo@fernleigh.example",
        "Yoga and mindfulness teacher; leads the evening flow classes and courses.",
        "fernleigh-staff-leo.svg",
    ),
)

CATEGORIES: tuple[Category, ...] = (
    Category("massage", "Massage & bodywork", 0),
    Category("consultations", "Consultations", 1),
    Category("classes", "Movement classes", 2),
    Category("courses", "Courses", 3),
)

SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        "massage",
        "Deep tissue massage",
        "APPOINTMENT",
        "Slow, firm pressure to release stubborn knots.",
        "A focused 60-minute treatment for tight shoulders, backs and legs. Your therapist "
        "starts with a short chat about where you hold tension, then works through the deeper "
        "layers of muscle. Ideal after training or long days at a desk.",
        "fernleigh-deep-tissue-massage.svg",
        "massage",
        60,
        "FIXED",
        Decimal("65.00"),
        staff=("maya", "tom", "priya"),
        locations=("islington", "richmond"),
        early_limit_minutes=30 * 24 * 60,
        late_limit_minutes=120,
        cancellation_fee=Decimal("15.00"),
    ),
    ServiceSpec(
        "consultation",
        "Wellbeing consultation",
        "APPOINTMENT",
        "A free 45-minute chat to plan your treatments.",
        "Not sure where to start? Meet one of our practitioners for a relaxed conversation "
        "about your goals, any injuries and which treatments or classes would suit you. "
        "There is no charge and no obligation. Come to the studio, or meet us by video call.",
        "fernleigh-wellbeing-consultation.svg",
        "consultations",
        45,
        "NO_FEE",
        online=False,
        in_person=True,
        staff=("maya", "priya"),
        locations=("islington", "richmond"),
        conferencing=True,
    ),
    ServiceSpec(
        "hot_stone",
        "Hot stone massage",
        "APPOINTMENT",
        "Warm basalt stones and long, flowing strokes.",
        "Ninety minutes of deep relaxation: heated stones melt tension while your therapist "
        "uses long, soothing strokes. Requests are confirmed by the studio within a day, "
        "because each treatment room is prepared specially.",
        "fernleigh-hot-stone-massage.svg",
        "massage",
        90,
        "FIXED",
        Decimal("95.00"),
        online=True,
        in_person=True,
        staff=("tom",),
        locations=("richmond",),
        manual_approval=True,
        late_limit_minutes=24 * 60,
    ),
    ServiceSpec(
        "corporate",
        "Corporate wellbeing morning",
        "APPOINTMENT",
        "Chair massage and stretching for your team, on site.",
        "We bring two therapists, chairs and mats to your office for a morning of chair "
        "massage and guided stretching. Pricing depends on team size; book a slot and we "
        "will send a quote after a short call.",
        "fernleigh-corporate-wellbeing.svg",
        "consultations",
        90,
        "CUSTOM",
        custom_price_text="Priced per team: we send a quote after a short call",
        online=False,
        in_person=True,
        staff=("maya",),
        locations=("islington",),
        app_id=None,  # an older service with no app id: Wix Bookings still shows it (§20)
        # The manage-my-booking cases a policy forbids: cancelling needs the studio
        # (anonymous cancel off) and rescheduling is switched off altogether.
        cancellation=ActionPolicy(allow_anonymous=False),
        reschedule=ActionPolicy(enabled=False),
    ),
    ServiceSpec(
        "posture",
        "Posture check-up",
        "APPOINTMENT",
        "A quick assessment with exercises to take home.",
        "Priya looks at how you sit, stand and move, then gives you three simple exercises "
        "to ease aches from desk work. Pay at the studio on the day.",
        "fernleigh-posture-check.svg",
        None,
        45,
        "FIXED",
        Decimal("25.00"),
        online=False,
        in_person=True,
        staff=("priya",),
        locations=("islington",),
    ),
    ServiceSpec(
        "yoga",
        "Vinyasa flow",
        "CLASS",
        "Breath-led yoga to build strength and calm.",
        "An hour of flowing sequences linked to the breath, finishing with a long rest. "
        "Mats and blocks provided. Suitable for confident beginners and regulars alike.",
        "fernleigh-vinyasa-flow.svg",
        "classes",
        60,
        "FIXED",
        Decimal("18.00"),
        capacity=12,
        max_participants=4,
        staff=("leo",),
        locations=("islington",),
        recurrences=(
            Recurrence(1, "18:30", "leo", "islington"),
            Recurrence(5, "09:30", "leo", "islington"),
        ),
    ),
    ServiceSpec(
        "family_yoga",
        "Family yoga",
        "CLASS",
        "Playful yoga for grown-ups and children together.",
        "Stories, animal poses and partner balances for children aged 4 to 11 with their "
        "grown-ups. Book a place for each adult and each child.",
        "fernleigh-family-yoga.svg",
        "classes",
        45,
        "VARIED",
        capacity=16,
        max_participants=6,
        staff=("priya",),
        locations=("richmond",),
        recurrences=(
            Recurrence(2, "16:30", "priya", "richmond"),
            Recurrence(6, "10:00", "priya", "richmond"),
        ),
        variant_option="Age group",
        variants=(("Adult", Decimal("14.00")), ("Child", Decimal("8.00"))),
    ),
    ServiceSpec(
        "mindfulness",
        "Mindfulness foundations (6 weeks)",
        "COURSE",
        "Six evenings to build a daily mindfulness habit.",
        "A six-week evening course covering breath awareness, body scans and mindful "
        "movement, with short home practices between sessions. Book once for all six.",
        "fernleigh-mindfulness-course.svg",
        "courses",
        90,
        "FIXED",
        Decimal("180.00"),
        capacity=10,
        max_participants=2,
        staff=("leo",),
        locations=("islington",),
        recurrences=(Recurrence(-1, "19:00", "leo", "islington"),),
        course_start_in_days=10,
        course_sessions=6,
    ),
    ServiceSpec(
        "practice",
        "Therapist practice session",
        "APPOINTMENT",
        "Internal: practice treatments for trainee therapists.",
        "Reserved for the team's weekly practice sessions; not offered to the public.",
        "fernleigh-deep-tissue-massage.svg",
        "massage",
        60,
        "NO_FEE",
        online=False,
        in_person=True,
        staff=("maya", "tom"),
        locations=("islington",),
        hidden=True,
    ),
    ServiceSpec(
        "room_hire",
        "Studio room hire",
        "APPOINTMENT",
        "Hire the Islington studio by the hour.",
        "Managed in the Wix Services app, not Wix Bookings: it shares the site's services "
        "catalogue, but a Wix Bookings site neither lists nor books it.",
        "fernleigh-corporate-wellbeing.svg",
        "consultations",
        60,
        "FIXED",
        Decimal("30.00"),
        staff=("leo",),
        locations=("islington",),
        app_id=WIX_SERVICES_APP_ID,
    ),
)

# Other demo services live in their own modules and join the catalogue here (§19, §21: deposits
# and every variant option type in demo_payments).
SERVICES = (*SERVICES, *COURSES, *PAYMENT_SERVICES)
