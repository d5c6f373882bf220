"""Spelling-independent text: one folding for everything that compares what people type (the site search's
index and queries, and the grouping of near-identical comments), so that both agree on what "the same word" is.

- Unicode compatibility forms (presentation forms such as ﻻ, full-width letters) are unfolded, and every
  combining mark is dropped: the Arabic diacritics (tashkeel, superscript alef…), the hamza and madda written
  above or below a letter (أ إ آ → ا, ؤ → و, ئ → ي), and Latin accents (é → e);
- tatweel (ـ) is removed, alef wasla (ٱ) becomes ا, taa marbuta (ة) becomes ه, alef maqsura (ى) becomes ي;
- every decimal digit (Arabic-Indic ٠١٢…, Eastern Arabic-Indic ۰۱ۢ…) becomes a Latin digit;
- letters are lower-cased. Spaces and punctuation are kept.
"""

import unicodedata

# The common Arabic cases in one pass of str.translate; whatever is left outside ASCII is decomposed below.
_QUICK = {
    0x0640: None,  # tatweel
    0x0671: "\u0627",  # alef wasla → alef
    0x0623: "\u0627",  # alef with hamza above → alef
    0x0625: "\u0627",  # alef with hamza below → alef
    0x0622: "\u0627",  # alef with madda → alef
    0x0624: "\u0648",  # waw with hamza → waw
    0x0626: "\u064a",  # yaa with hamza → yaa
    0x0629: "\u0647",  # taa marbuta → haa
    0x0649: "\u064a",  # alef maqsura → yaa
    0x0670: None,  # superscript alef
}
_QUICK.update(dict.fromkeys(range(0x064B, 0x0660)))  # tashkeel, hamza and madda marks
_QUICK.update({0x0660 + digit: str(digit) for digit in range(10)})  # Arabic-Indic digits
_QUICK.update({0x06F0 + digit: str(digit) for digit in range(10)})  # Eastern Arabic-Indic digits
_QUICK = str.maketrans(_QUICK)


def fold(text):
    """The spelling-independent form of `text` (module docstring)."""
    text = (text or "").translate(_QUICK)
    if not text.isascii():
        out = []
        for char in unicodedata.normalize("NFKD", text):
            category = unicodedata.category(char)
            if category == "Mn":
                continue
            out.append(str(unicodedata.digit(char)) if category == "Nd" else char)
        text = "".join(out).translate(_QUICK)
    return text.lower()
