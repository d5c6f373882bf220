"""Draws the app icons (pages/static/img/icons/) from the favicon's design: a ت, its bowl and two dots.

The drawing is pages/static/img/favicon.svg on its 32-unit grid, drawn four times larger and scaled down
(anti-aliased), then stored with a small palette so each file stays small. Run it again after changing
the logo: `.venv/bin/python -m pages.pwa_icons`.

- icon-<size>.png: the rounded green square of the favicon, for the browser and the home screen ("any").
- maskable-<size>.png: full-bleed green, the letter inside the central safe zone, for launchers that cut
  their own shape (circle, squircle).
- apple-touch-icon.png: full-bleed, 180 px, for iOS, which rounds the corners itself.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS_DIR = Path(__file__).resolve().parent / "static" / "img" / "icons"
BRAND = (0, 112, 60, 255)  # --brand in tawasul.css, the favicon's square
WHITE = (255, 255, 255, 255)
SUPERSAMPLE = 4
# name, size in pixels, full bleed (maskable), how much of the 32-unit grid the drawing fills
ICONS = [
    ("icon-192.png", 192, False, 1.0),
    ("icon-512.png", 512, False, 1.0),
    ("maskable-192.png", 192, True, 0.95),
    ("maskable-512.png", 512, True, 0.95),
    ("apple-touch-icon.png", 180, True, 0.95),
]


def _bezier(p0, p1, p2, p3, steps=400):
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        yield (
            u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
            u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
        )


# favicon.svg: M9 14.5 c0 5 3 7.5 7 7.5 s7-2.5 7-7.5 (stroke 3, round caps); dots at (13, 9) and (19, 9), r 2.
BOWL = [*_bezier((9, 14.5), (9, 19.5), (12, 22), (16, 22)), *_bezier((16, 22), (20, 22), (23, 19.5), (23, 14.5))]
DOTS = [(13, 9), (19, 9)]


def draw(size, full_bleed, scale):
    """One icon, `size` pixels square."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    unit = big / 32
    if full_bleed:
        canvas.rectangle((0, 0, big, big), fill=BRAND)
    else:
        canvas.rounded_rectangle((0, 0, big - 1, big - 1), radius=6 * unit, fill=BRAND)
    # The drawing spans x 7.5–24.5 and y 7–23.5 of the grid: centre it, scaled by `scale`.
    centre = (16, 15.25)
    offset = big / 2

    def point(x, y):
        return (offset + (x - centre[0]) * unit * scale, offset + (y - centre[1]) * unit * scale)

    def disc(x, y, radius):
        cx, cy = point(x, y)
        r = radius * unit * scale
        canvas.ellipse((cx - r, cy - r, cx + r, cy + r), fill=WHITE)

    for x, y in BOWL:  # the stroke, 3 units wide with round caps: discs close together along the curve
        disc(x, y, 1.5)
    for x, y in DOTS:
        disc(x, y, 2)
    image = image.resize((size, size), Image.Resampling.LANCZOS)
    if full_bleed:
        return image.convert("RGB").quantize(colors=32, method=Image.Quantize.MEDIANCUT)
    return image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)


def main():
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    for name, size, full_bleed, scale in ICONS:
        draw(size, full_bleed, scale).save(ICONS_DIR / name, optimize=True)
        print(name, (ICONS_DIR / name).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
