"""The customer-facing booking site: views, booking services, session draft and the Wix client."""
