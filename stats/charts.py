"""Horizontal bar charts drawn as inline SVG on the server.

No JavaScript and no style attributes (the Content-Security-Policy allows
neither): geometry goes in SVG attributes, colours in classes of
stats/static/stats/stats.css. Each row is a label line with its bar
underneath; bars grow from the inline-start edge, so from the right in Arabic.
The numbers are always repeated in a table next to the chart.
"""

from dataclasses import dataclass, field

# User units; the stylesheet sets the text to 16 units and caps the chart at 30rem, so
# the text is about the size of the body text on a wide screen and stays legible on a phone.
WIDTH = 360
LABEL_HEIGHT = 24
BAR_HEIGHT = 18
REFERENCE_HEIGHT = 8
ROW_GAP = 14
VALUE_AREA = 100  # room after the longest bar for its value
VALUE_GAP = 6
MIN_BAR = 2  # a non-zero value is never invisible


@dataclass
class Bar:
    label: str
    text: str  # the value as shown, already formatted, or why it is hidden
    value: float | None  # None when hidden
    reference: float | None = None
    label_x: float = 0
    label_y: float = 0
    bar_x: float = 0
    bar_y: float = 0
    bar_width: float = 0
    text_x: float = 0
    text_y: float = 0
    reference_x: float = 0
    reference_y: float = 0
    reference_width: float = 0


@dataclass
class BarChart:
    id: str
    title: str
    description: str
    rtl: bool
    bars: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0

    @property
    def direction(self):
        return "rtl" if self.rtl else "ltr"

    @property
    def bar_height(self):
        return BAR_HEIGHT

    @property
    def reference_height(self):
        return REFERENCE_HEIGHT

    @property
    def has_reference(self):
        return any(bar.reference is not None for bar in self.bars)


def bar_chart(chart_id, title, description, rows, rtl, maximum=None):
    """Lay out a chart.

    `rows` are (label, value, text) or (label, value, text, reference): value is
    None for a hidden figure (then only the text is drawn), reference is a second,
    thinner bar on the same scale (a population share).
    """
    chart = BarChart(id=chart_id, title=title, description=description, rtl=rtl)
    values = [row[1] for row in rows if row[1] is not None]
    values += [row[3] for row in rows if len(row) > 3 and row[3] is not None]
    top = max([maximum or 0, *values]) or 1
    span = WIDTH - VALUE_AREA
    y = 0
    for row in rows:
        label, value, text = row[0], row[1], row[2]
        reference = row[3] if len(row) > 3 else None
        bar = Bar(label=label, text=text, value=value, reference=reference)
        bar.label_y = y + LABEL_HEIGHT - 6
        bar.bar_y = y + LABEL_HEIGHT
        width = 0 if value is None else span * float(value) / float(top)
        if value:
            width = max(width, MIN_BAR)
        bar.bar_width = round(width, 1)
        bar.text_y = bar.bar_y + BAR_HEIGHT - 4
        row_height = LABEL_HEIGHT + BAR_HEIGHT
        if reference is not None:
            bar.reference_y = bar.bar_y + BAR_HEIGHT + 2
            bar.reference_width = round(max(span * float(reference) / float(top), MIN_BAR if reference else 0), 1)
            row_height += REFERENCE_HEIGHT + 2
        # Positions from the inline-start edge: the left in English, the right in Arabic.
        # Text uses text-anchor="start" and the SVG's direction, so it runs away from that edge.
        if rtl:
            bar.label_x = WIDTH
            bar.bar_x = round(WIDTH - bar.bar_width, 1)
            bar.text_x = round(WIDTH - bar.bar_width - VALUE_GAP, 1)
            bar.reference_x = round(WIDTH - bar.reference_width, 1)
        else:
            bar.label_x = 0
            bar.bar_x = 0
            bar.text_x = round(bar.bar_width + VALUE_GAP, 1)
            bar.reference_x = 0
        chart.bars.append(bar)
        y += row_height + ROW_GAP
    chart.height = max(y - ROW_GAP, 1)
    return chart
