# moved to booking_site.owner; kept for services/owner_submit.py until it moves
from booking_site.owner.session import *  # noqa: F403
