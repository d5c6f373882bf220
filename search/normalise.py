"""Arabic as people type it, and English with stemming: the same normalisation at index and query time.

Text becomes a list of *terms*. Every word is first folded the same way (pages.folding, shared with the
grouping of near-identical comments):

- Unicode compatibility forms (presentation forms such as ﻻ) are unfolded, and every combining
  mark is dropped: the Arabic diacritics (tashkeel: fatha, damma, kasra, sukun, shadda, tanween,
  superscript alef…), and so the hamza and madda written above or below a letter (أ إ آ → ا,
  ؤ → و, ئ → ي), and Latin accents (é → e);
- tatweel (ـ) is removed, alef wasla (ٱ) becomes ا, taa marbuta (ة) becomes ه, alef maqsura (ى)
  becomes ي;
- Arabic-Indic (٠١٢…) and Eastern Arabic-Indic (۰۱۲…) digits become Latin digits;
- Latin letters are lower-cased.

An Arabic word then stands for a small set of terms: the word itself, the word without its
definite article (ال, also after و ف ب ك, and لل for ل + ال), and the word without one leading
letter of the common one-letter prefixes و ف ب ك ل. Both the text and the query are expanded
this way, and a query word matches when its set and a text word's set share a term. A word that
merely starts with one of those letters ("بيانات") keeps its own form in its set, so it still
meets "البيانات" (whose set holds "بيانات"). An English word becomes its Snowball (Porter 2) stem.
Very common words (stop words) and one-letter words are left out on both sides.

`index_terms(text)` gives the terms stored for a document; `query_groups(text)` gives, for each
query word, the alternative terms of which one must be present (AND between words, OR within).
"""

import re
from functools import lru_cache

from pages.folding import fold

try:  # Snowball's English stemmer (the algorithm of PostgreSQL's `english` configuration).
    import snowballstemmer

    _english_stemmer = snowballstemmer.stemmer("english")
except ImportError:  # pragma: no cover - the package is in requirements.txt
    _english_stemmer = None

ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
WORD = re.compile(r"[^\W_]+")

# The definite article, alone or after a conjunction or preposition; longest first.
ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
ONE_LETTER_PREFIXES = "وفبكل"

# Written as people write them; folded below like any text.
ARABIC_STOP_WORDS = """
في من إلى الى على عن أن ان إن او أو ثم ما لا لم لن مع هذا هذه ذلك تلك التي الذي الذين اللذين
اللتين اللواتي كل بين حتى قد هو هي هم نحن انا أنا كان كانت يكون عند عندما اذا إذا لكن بل أي اي
منذ غير دون ضمن حيث كما ولا وفي ومن وعلى وإلى وعن وأن
""".split()
ENGLISH_STOP_WORDS = """
a an and are as at be been but by for from has have how i if in into is it its of on or our that the
their them then there these they this to was we were what when where which who will with you your
""".split()


def _folded_set(words):
    return frozenset(fold(word) for word in words)


STOP_WORDS = _folded_set(ARABIC_STOP_WORDS) | _folded_set(ENGLISH_STOP_WORDS)


def arabic_forms(word):
    """The terms an Arabic word stands for: itself, without its article, without a one-letter prefix."""
    forms = [word]
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            forms.append(word[len(prefix) :])
            break
    if word[0] in ONE_LETTER_PREFIXES and len(word) >= 4:
        forms.append(word[1:])
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=20000)
def word_terms(word):
    """The terms of one folded word, or () for a stop word or a single letter."""
    if word in STOP_WORDS or (len(word) < 2 and not word.isdigit()):
        return ()
    if ARABIC_LETTER.search(word):
        return arabic_forms(word)
    if _english_stemmer is not None and word.isascii() and not word.isdigit():
        return (_english_stemmer.stemWord(word),)
    return (word,)


def words(text):
    """The folded words of `text`, in order."""
    return WORD.findall(fold(text))


def index_terms(text):
    """The terms stored for `text`: every term of every word, once, in order of first appearance."""
    terms = {}
    for word in words(text):
        for term in word_terms(word):
            terms[term] = None
    return list(terms)


def query_groups(text, limit=12):
    """For each query word, the tuple of its alternative terms; repeated words once, at most `limit` words."""
    groups = []
    for word in words(text):
        terms = word_terms(word)
        if terms and terms not in groups:
            groups.append(terms)
    return groups[:limit]


def stored(terms):
    """Terms as kept in the database: space-separated, with a space at each end (so that ' term '
    is found with LIKE on SQLite; PostgreSQL builds its tsvector from the same text)."""
    return f" {' '.join(terms)} " if terms else ""
