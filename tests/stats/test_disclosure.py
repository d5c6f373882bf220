"""Small groups are never published, directly or by subtraction from a total."""

from collections import defaultdict

import pytest

from stats.disclosure import PROTECTING, SHOWN, SMALL, THRESHOLD, Cell, protect


def cells_for(*counts):
    return [Cell(key=str(i), label=str(i), count=n) for i, n in enumerate(counts)]


def states(counts):
    protected = protect(cells_for(*counts), sum(counts))
    return None if protected is None else [cell.state for cell in protected]


def test_nothing_hidden_when_every_group_is_large_enough():
    assert states([10, 5, 7]) == [SHOWN, SHOWN, SHOWN]


def test_a_single_small_group_is_hidden_with_a_second_one_so_the_total_does_not_give_it_away():
    assert states([20, 12, 4, 9]) == [SHOWN, SHOWN, SMALL, PROTECTING]
    # The second cell is the last large one in the table's order, not the smallest.
    assert states([20, 9, 3, 12, 7]) == [SHOWN, SHOWN, SMALL, SHOWN, PROTECTING]
    assert states([20, 9, 0, 12, 7]) == [SHOWN, SHOWN, SMALL, SHOWN, PROTECTING]


def test_several_small_groups_need_no_second_cell_unless_their_sum_pins_them():
    # 3 hidden people in two cells: (0, 3), (1, 2), (2, 1) or (3, 0).
    assert states([20, 12, 1, 2]) == [SHOWN, SHOWN, SMALL, SMALL]
    assert states([20, 12, 0, 0, 0]) == [SHOWN, SHOWN, SMALL, SMALL, SMALL]
    # 8 hidden people in two cells under 5 can only be 4 and 4; 7 is hidden the same way.
    assert states([20, 12, 4, 4]) == [SHOWN, PROTECTING, SMALL, SMALL]
    assert states([20, 12, 4, 3]) == [SHOWN, PROTECTING, SMALL, SMALL]


def test_fewer_than_five_people_in_all_shows_nothing():
    assert states([4, 0, 0]) is None
    assert states([2, 2]) is None


def test_a_total_that_would_pin_every_small_cell_withholds_the_breakdown():
    # 16 people over four cells: if every cell were under 5, each would have to be 4.
    assert states([4, 4, 4, 4]) is None
    assert states([10, 6, 0, 0]) is None  # withheld for the total alone, whatever the cells
    assert states([4, 4, 3, 4]) == [SMALL, SMALL, SMALL, SMALL]


def test_cells_must_add_up_to_the_total():
    with pytest.raises(ValueError):
        protect(cells_for(5, 6), 12)


def published_view(counts):
    """What a reader sees: the total, and per cell either its number or why it is hidden."""
    protected = protect(cells_for(*counts), sum(counts))
    if protected is None:
        return (sum(counts), None)
    return (sum(counts), tuple(cell.count if cell.state == SHOWN else cell.state for cell in protected))


def compositions(total, parts):
    """Every way of sharing `total` people among `parts` cells."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, parts - 1):
            yield (first, *rest)


@pytest.mark.parametrize(("cells", "largest_total"), [(2, 30), (3, 26), (4, 22), (5, 17)])
def test_no_small_number_can_be_worked_out_by_a_reader_who_knows_the_rules(cells, largest_total):
    """Brute force over every table with a given total: group the tables by what is published,
    and check that in each group every hidden small cell that is not zero could have had another
    value. (The reader knows the total, the rules and every published number.)"""
    for total in range(largest_total + 1):
        tables = list(compositions(total, cells))
        possible = defaultdict(lambda: defaultdict(set))
        for counts in tables:
            view = published_view(counts)
            for index, n in enumerate(counts):
                possible[view][index].add(n)
        for counts in tables:
            view = published_view(counts)
            if view[1] is None:
                continue
            for index, n in enumerate(counts):
                if view[1][index] == SMALL:
                    assert n < THRESHOLD
                    if n > 0:
                        assert len(possible[view][index]) > 1, (counts, view)
                elif view[1][index] == SHOWN:
                    assert n >= THRESHOLD
