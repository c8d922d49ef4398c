"""Owner mode: staff book on behalf of a customer, and copy links and snippets.

The same booking core as the customer funnel (``flow``, ``session``, the shared forms and
templates), with its own draft, steps, views and services.
"""
