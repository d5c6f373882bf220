"""Near misses: "did you mean …?" when no page has every word of the query.

Each query word that no visible page contains is replaced by the closest term of the pages in the
reader's language, by trigram similarity (as PostgreSQL's pg_trgm defines it: the word padded with two
spaces before and one after, similarity = shared trigrams / all trigrams), when it is at least
SIMILARITY. The vocabulary (the terms of live, public pages in one language: a few thousand words) is
computed in Python from the search table and kept in the shared cache until pages change (the site
version, pages.cache), so SQLite and PostgreSQL suggest the same words and a typo costs no extra
query once the vocabulary is cached.
"""

from django.db.models import OuterRef

from pages.cache import remember_for_site

from .models import SearchDocument
from .normalise import query_groups, words

SIMILARITY = 0.4


def trigrams(term):
    padded = f"  {term} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    first, second = trigrams(a), trigrams(b)
    return len(first & second) / len(first | second) if first or second else 0.0


def vocabulary(language):
    """The terms of live, public pages in `language` (from the search table)."""
    from .query import restricted

    def compute():
        rows = (
            SearchDocument.objects.filter(locale__language_code=language, page__live=True)
            .exclude(restricted(OuterRef("page__path")))
            .values_list("terms", flat=True)
        )
        return sorted({term for terms in rows for term in terms.split()})

    return remember_for_site(f"search:vocabulary:{language}", compute)


def suggest(text, language):
    """A corrected query (str) when some word has a close enough known term, else None."""
    known = None
    changed = False
    corrected = []
    for word in words(text):
        group = query_groups(word)
        if not group:
            continue
        if known is None:
            known = vocabulary(language)
            known_set = set(known)
        terms = group[0]
        if any(term in known_set for term in terms):
            corrected.append(word)
            continue
        scored = [(similarity(terms[-1], term), term) for term in known]
        best = max(scored, default=(0, None))
        if best[0] >= SIMILARITY:
            corrected.append(best[1])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
