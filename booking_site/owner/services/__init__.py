"""Owner mode's services: choosing a time, the rules it overrides, finding customers.

The submit (``submit.py``) only builds a plan for the one submit core (``services.submit_core``).
"""
