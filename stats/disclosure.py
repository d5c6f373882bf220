"""Statistical disclosure control for the inclusion figures.

The rules, in order:

1. Nothing is shown for a group of people smaller than THRESHOLD: if fewer than
   five participants in scope shared their details, no breakdown is shown at all.
2. Every cell under THRESHOLD (zero included) is shown as "fewer than 5"
   (primary suppression).
3. The total of every breakdown is public (it is the number of people who
   shared their details, and any breakdown with no hidden cell gives it away),
   so hidden cells could be worked out from it: the total minus the shown
   cells is the sum of the hidden ones. Secondary suppression hides one more
   cell when that sum would pin them down:
   - when a single cell is hidden (the sum is its value);
   - when several are hidden and their sum is 4 x their number, or one less
     (every one of them would be 4, or 3 or 4 with all the others 4: the
     second case is included so that a second hidden cell does not, by
     itself, tell the reader that every small cell is 4).
   With two or more small cells adding up to less than that, every one of
   them can still be anything in a range of at least two values.
4. The second cell hidden is the last one, in the order of the table, that
   is large enough to be shown: "not stated" or "prefer not to say" when they
   are, otherwise usually a less populous group (governorates and age bands
   are listed in a fixed order). It is never "the smallest shown cell": that
   choice would give a reader an upper bound for it (it cannot be larger than
   the next cell), and with ties would pin the small number down exactly. A
   cell chosen by its position is known only to be at least five, so each
   small hidden number keeps a range of at least two values.
5. When every cell is under THRESHOLD they are all shown as "fewer than 5",
   and no cell is determined, except when the total is exactly 4 x the
   number of cells (every cell would then be 4). A breakdown whose total is
   exactly that is withheld, whatever its cells: the decision depends only
   on the public total, so it reveals nothing either.

tests/stats/test_disclosure.py checks these rules by brute force: for every
table of a few cells, a reader who knows the rules, the total and every
published number cannot determine any small number other than zero.

6. Complementary suppression across tables (issue 9). The site-wide table and
   the per-agency tables are published side by side, and when each person took
   part with one agency the site-wide cell of a category is the sum of that
   category's cells in the agencies' tables. A reader can then subtract the
   shown agency cells from the site-wide cell and recover the hidden ones. So
   `forced_site_keys` hides a site-wide cell whenever that subtraction would
   pin the agencies' hidden cells down, by the same test as rule 3 on the
   column (one hidden cell; or only small ones whose sum is 4 x their number,
   or one less). A withheld agency breakdown (fewer than five people) counts as
   small hidden cells in every column.

   People who took part with several agencies count once in the site-wide
   cell and once in each agency's, so the difference (site-wide cell minus
   the shown agency cells) is only a lower bound of the hidden cells' sum.
   When it is negative, the published figures show by themselves that the
   column is not a sum, and the subtraction says nothing: the site-wide cell
   is shown. When it is zero or more the cell is hidden as before, whatever
   the hidden cells hold, so that "hidden" never tells that they are not all
   zero (hiding only when the difference is positive would: one withheld
   agency's single participant would be located by the one hidden column).
   Without this exception one small withheld agency, hidden in every column,
   hid every site-wide cell that the other agencies show, even where those
   agencies' shown cells already add up to more than the site-wide cell, and
   the site-wide chart could lose all its bars (issue 9). When everyone took
   part with one agency the difference is never negative, and the tables are
   exactly those of the plain rule. `protect(..., force=...)` then hides the
   forced site-wide cells and protects them within the site-wide row by rule 3;
   its second cell is chosen, where one exists, in a column that itself has
   agency cells hidden, so that it cannot be recovered by adding up the
   agencies. tests/security/test_statistical_disclosure.py runs the subtraction
   attack on the published pages.

   Limits: this is a check of single rows and columns, not a linear-programming
   audit of every combination of published equations; a reader combining
   several rows and columns with overlapping participants may still narrow a
   cell's range (never below two values in the cases the tests enumerate).
"""

from dataclasses import dataclass

THRESHOLD = 5

SHOWN = "shown"
SMALL = "small"  # under the threshold
PROTECTING = "protecting"  # hidden so that a small cell cannot be worked out


@dataclass
class Cell:
    key: str
    label: str
    count: int
    state: str = SHOWN

    @property
    def shown(self):
        return self.state == SHOWN


def _pins(hidden_small, known_sum):
    """Whether small hidden cells whose sum is known are pinned down (rule 3)."""
    k = len(hidden_small)
    return k == 1 or known_sum >= (THRESHOLD - 1) * k - 1


def protect(cells, total, force=(), prefer=()):
    """Mark the cells of one breakdown (which add up to `total`) as shown or hidden.

    The cells come in the order they are shown. Returns them, or None when
    the whole breakdown must be withheld. `force`: keys of cells to hide as well
    (rule 6); `prefer`: keys of cells to choose first as the second hidden cell.
    """
    if sum(cell.count for cell in cells) != total:
        raise ValueError("The cells of a breakdown must add up to its total.")
    if total < THRESHOLD or total == (THRESHOLD - 1) * len(cells):
        return None
    for cell in cells:
        cell.state = SMALL if cell.count < THRESHOLD else SHOWN
        if cell.state == SHOWN and cell.key in force:
            cell.state = PROTECTING
    small = [cell for cell in cells if cell.state == SMALL]
    forced = [cell for cell in cells if cell.state == PROTECTING]
    large = [cell for cell in cells if cell.state == SHOWN]
    if not large or (not small and not forced):
        return cells
    needs_second = (len(small) + len(forced) == 1) or (
        small and not forced and _pins(small, sum(cell.count for cell in small))
    )
    if needs_second:
        preferred = [cell for cell in large if cell.key in prefer]
        (preferred or large)[-1].state = PROTECTING
    return cells


def forced_site_keys(site_counts, agency_tables):
    """The site-wide cells to hide so that no agency's hidden cell can be worked out by subtraction (rule 6).

    `site_counts`: {key: count} of the site-wide breakdown; `agency_tables`: for each agency, its protected
    cells (the list `protect` returned) or None when its breakdown is withheld, with its {key: count} -- as
    pairs (cells or None, counts). Returns (keys to hide, keys preferred as the second hidden cell).
    """
    force, prefer = set(), set()
    for key, site_count in site_counts.items():
        shown_sum, hidden_small, hidden_any = 0, [], 0
        for cells, counts in agency_tables:
            count = counts.get(key, 0)
            if cells is None:
                if sum(counts.values()) == 0:
                    continue  # nobody: every cell is known to be zero
                hidden_small.append(count)
                hidden_any += 1
                continue
            cell = next(c for c in cells if c.key == key)
            if cell.shown:
                shown_sum += count
            else:
                hidden_any += 1
                if cell.state == SMALL:
                    hidden_small.append(count)
        if not hidden_any:
            continue
        prefer.add(key)
        # The subtraction gives the hidden cells' sum when each person took part with one agency, and less
        # when some took part with several (the site-wide cell counts them once). When it is negative, the
        # published figures themselves show that the column is not a sum, and it bounds nothing: the cell
        # can be shown. (Zero is not such a case: there it is the exact sum when nobody took part twice, and
        # hiding the cell then, as always, keeps "hidden" from telling that the agencies' hidden cells are
        # not all zero.)
        known = site_count - shown_sum
        if known < 0:
            continue
        if hidden_any == 1 or (len(hidden_small) == hidden_any and _pins(hidden_small, known)):
            force.add(key)
    return force, prefer
