"""Owner mode's services: choosing a time, the rules it overrides, finding customers.

The submit (``booking_site.services.owner_submit``) stays with the other submit code.
"""
