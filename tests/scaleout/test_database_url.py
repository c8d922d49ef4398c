"""DATABASE_URL parsing (config/env.py): what reaches Django's DATABASES setting."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import database_from_url


def test_database_url_full_form_maps_every_part() -> None:
    url = "postgres://booking:p%40ss%2Fword@db.internal:6432/booking_site?sslmode=require"

    assert database_from_url(url, conn_max_age=60) == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "booking_site",
        "USER": "booking",
        "PASSWORD": "p@ss/word",
        "HOST": "db.internal",
        "PORT": "6432",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"connect_timeout": "5", "sslmode": "require"},
    }


def test_database_url_query_overrides_the_connect_timeout() -> None:
    config = database_from_url("postgresql://u@h/n?connect_timeout=2", conn_max_age=0)

    assert config["OPTIONS"] == {"connect_timeout": "2"}
    assert (config["HOST"], config["PORT"], config["PASSWORD"]) == ("h", "", "")


@pytest.mark.parametrize(
    "url",
    ["mysql://u:p@h/n", "postgres://u:p@h:5432/", "postgres://u:p@h:port/n", "sqlite:///x"],
)
def test_database_url_other_than_postgres_with_a_name_fails_loudly(url: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url, conn_max_age=60)
