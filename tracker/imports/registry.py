"""Features register their importers here; the upload pages and the CLI find them by kind."""

from tracker.core.imports import Importer

IMPORTERS: dict[str, type[Importer]] = {}


def register_importer(importer: type[Importer]) -> type[Importer]:
    IMPORTERS[importer.kind] = importer
    return importer
