"""One palette for every chart and diagram.

Okabe & Ito's colour-blind-safe set, with darker variants where a colour
carries text on white (WCAG AA needs 4.5:1 for text, 3:1 for graphics).
Colour is never the only cue: charts also use dash patterns, labels or
shapes, and diagrams label what they highlight.
"""

INK = "#1F1F1F"  # text and outlines, 16:1 on white
MUTED = "#595959"  # secondary text, 7:1 on white
GRID = "#D0D7DE"
BACKGROUND = "#FFFFFF"
PANEL = "#F1F4F8"

BLUE = "#0072B2"  # "with the reflex", healthy, calm; 5.0:1 on white
ORANGE = "#E69F00"  # attention (graphics only, 2:1: never for text)
DARK_ORANGE = "#A05A00"  # orange for text, 5.3:1
VERMILLION = "#D55E00"  # danger zone, nerve irritation (graphics); 3.8:1
DARK_VERMILLION = "#A33A00"  # vermillion for text, 6.4:1
GREEN = "#009E73"  # relief, treatment (graphics); 3.4:1
DARK_GREEN = "#006B4F"  # green for text, 6.6:1
SKY = "#56B4E9"  # light fills
PURPLE = "#CC79A7"  # a third series
TEAR_ZONE_FILL = "#F8D3C0"  # light vermillion band behind the tearing zone

#: Series colours in order, for charts with several lines.
SERIES = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE)
#: Dash patterns paired with the series, so lines differ without colour.
DASHES = ([1, 0], [8, 4], [2, 3], [12, 3, 3, 3], [4, 2])
