"""``boot.prepare``: a web process imports its views and compiles every project template as it
starts (config/wsgi.py), so its first customer does not pay for either."""

from __future__ import annotations

from pathlib import Path

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from booking_site import boot

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _cached_loader() -> CachedLoader:
    """Django's cached loader, found under django-template-partials' wrapping loader."""
    found = []
    pending = list(engines["django"].engine.template_loaders)  # type: ignore[attr-defined]
    while pending:
        loader = pending.pop()
        if isinstance(loader, CachedLoader):
            found.append(loader)
        pending.extend(getattr(loader, "loaders", []))
    (cached,) = found
    return cached


def test_every_template_is_compiled_and_kept() -> None:
    loader = _cached_loader()
    loader.reset()

    compiled = boot.prepare()

    names = {path.relative_to(TEMPLATES).as_posix() for path in TEMPLATES.rglob("*.html")}
    assert compiled == len(names) > 40
    kept = {template.origin.template_name for template in loader.get_template_cache.values()}
    assert names <= kept  # served from the cache from now on, not compiled on a request
