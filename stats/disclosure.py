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


def protect(cells, total):
    """Mark the cells of one breakdown (which add up to `total`) as shown or hidden.

    The cells come in the order they are shown. Returns them, or None when
    the whole breakdown must be withheld.
    """
    if sum(cell.count for cell in cells) != total:
        raise ValueError("The cells of a breakdown must add up to its total.")
    if total < THRESHOLD or total == (THRESHOLD - 1) * len(cells):
        return None
    for cell in cells:
        cell.state = SMALL if cell.count < THRESHOLD else SHOWN
    small = [cell for cell in cells if cell.state == SMALL]
    large = [cell for cell in cells if cell.state == SHOWN]
    if not small or not large:
        return cells
    if len(small) == 1 or sum(cell.count for cell in small) >= (THRESHOLD - 1) * len(small) - 1:
        large[-1].state = PROTECTING
    return cells
