"""Use cases of the booking site: the only callers of the Wix client.

Each module raises ``booking_site.errors.BookingError`` for anything a customer should hear
about; views never see Wix exceptions.
"""
