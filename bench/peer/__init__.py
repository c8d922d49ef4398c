"""The peer the benchmark compares with: django-appointment 3.12.0, set up as its README says.

Installed by the benchmark from PyPI into bench/.peer (git-ignored), never imported by the site.
"""
