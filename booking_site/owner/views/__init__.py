"""Owner mode's views: staff only; only ``booking_site.urls`` imports them."""
