"""Static files minified before they are hashed and compressed.

The site's own CSS and JavaScript are written readable, with comments that say why; a
browser needs none of that. ``collectstatic`` copies them to ``STATIC_ROOT``; this storage
minifies those copies (rcssmin, rjsmin: whitespace and comments only, no renaming, so the
code a browser runs is the code in the repository) and only then lets Django hash them and
WhiteNoise compress them, so the hashed name and the ``.gz`` file belong to the minified
bytes. Already minified vendor files (``*.min.js``) are left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import rcssmin
import rjsmin
from whitenoise.storage import CompressedManifestStaticFilesStorage

_MINIFIERS: dict[str, Callable[[str], str]] = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def minifier_for(name: str) -> Callable[[str], str] | None:
    """The minifier for a static file's name, or None (not CSS/JS, or minified already)."""
    if name.endswith((".min.js", ".min.css")):
        return None
    return _MINIFIERS.get(Path(name).suffix)


class MinifiedCompressedManifestStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed manifest storage, minifying CSS and JS first."""

    def post_process(
        self, paths: dict[str, Any], dry_run: bool = False, **options: Any
    ) -> Iterator[tuple[str, str, bool]]:
        if not dry_run:
            paths = {name: self._minified(name, source) for name, source in paths.items()}
        yield from super().post_process(paths, dry_run, **options)

    def _minified(self, name: str, source: tuple[Any, str]) -> tuple[Any, str]:
        # Hashing reads each file from the storage named in ``paths``: point it at the
        # minified copy in STATIC_ROOT instead of the readable source.
        minify = minifier_for(name)
        if minify is None:
            return source
        copy = Path(self.path(name))
        copy.write_text(minify(copy.read_text(encoding="utf-8")), encoding="utf-8")
        return (self, name)
