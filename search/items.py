"""Items that are not pages, in the site search: asked of the apps that own them, never imported from them.

An app takes part by having a module `<app>.search_documents` (found by pages.discovery.app_modules) with:

- `SOURCE`: the short name stored in SearchDocument.source (e.g. "proposal"), and `KIND`: a search.models.Kind;
- `MODEL`: the model whose saves and deletions re-index one item (search.signals connects them);
- `search_entry(obj)`: None when the item is not public, else a dict with `language` (a language code),
  `heading`, `text` (everything searchable), `excerpt`, `agency` (an AgencyPage or None), `published_at`;
- `indexable()`: every item to index on `manage.py search_reindex`;
- `public_ids()`: a queryset of the ids public now (read at query time: an item withdrawn after it was indexed
  never shows);
- `ids_with_topic(translation_key)`: a queryset of the ids filed under that topic (the topic filter);
- optionally `CACHE_DEPENDENCY`: the pages.cache dependency the app bumps when its items change;
- `describe(rows, language)`: give each result row `url` (its address in `language`), `language` (the
  language its text is written in) and, if it likes, `agency` in `language` and a short `state` label.
"""

from functools import lru_cache

from pages.discovery import app_modules


@lru_cache(maxsize=1)
def item_modules():
    """{source: module} for every app with a `search_documents` module."""
    return {module.SOURCE: module for module in app_modules("search_documents")}


def describe(rows, language):
    """Let the owning apps fill in the address and labels of the item rows among `rows` (one call per source)."""
    by_source = {}
    for row in rows:
        if row.page_id is None:
            by_source.setdefault(row.source, []).append(row)
    modules = item_modules()
    for source, items in by_source.items():
        module = modules.get(source)
        if module is not None:
            module.describe(items, language)
    return rows


def item_dependencies():
    """The pages.cache dependencies of the apps' items, for pages that list them (the results page)."""
    return [module.CACHE_DEPENDENCY for module in item_modules().values() if getattr(module, "CACHE_DEPENDENCY", "")]
