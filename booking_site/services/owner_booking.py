# moved to booking_site.owner; kept for services/owner_submit.py until it moves
from booking_site.owner.services.rules import *  # noqa: F403
