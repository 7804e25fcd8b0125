"""The home-screen icon of the installed site, drawn at build time: an open book under a star on
the palette's red. Drawn here rather than shipped as image files so that no binary lives in the
repository and any size a manifest needs can be made; plain Python (zlib and a scanline fill), no
imaging library."""

from __future__ import annotations

import math
from functools import lru_cache
import struct
import zlib

RED = (198, 40, 40)  # Material's red 800, the theme's primary colour, dark enough for white on it
WHITE = (255, 255, 255)
GOLD = (255, 214, 64)
SUBSAMPLES = 4  # rows sampled per pixel row: smooth edges, and still quick to draw at both sizes


def _star(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    inner = radius * 0.382
    return [
        (cx + (radius if i % 2 == 0 else inner) * math.sin(i * math.pi / 5), cy - (radius if i % 2 == 0 else inner) * math.cos(i * math.pi / 5))
        for i in range(10)
    ]


# Shapes in a unit square, drawn in order; all inside the central 80 % so a "maskable" crop keeps them.
SHAPES = [
    ([(0.20, 0.44), (0.485, 0.49), (0.485, 0.80), (0.20, 0.75)], WHITE),  # left page
    ([(0.515, 0.49), (0.80, 0.44), (0.80, 0.75), (0.515, 0.80)], WHITE),  # right page
    (_star(0.5, 0.28, 0.13), GOLD),
]


def _coverage(size: int, polygon: list[tuple[float, float]]) -> list[tuple[int, list[float]]]:
    """How much of each pixel the polygon covers (0..1), by even-odd scanlines: for each pixel row,
    the first column touched and the coverage from there to the last one touched."""
    points = [(x * size, y * size) for x, y in polygon]
    edges = list(zip(points, points[1:] + points[:1]))
    rows = []
    for y in range(size):
        cover = [0.0] * (size + 1)
        first, last = size, -1
        for sub in range(SUBSAMPLES):
            yy = y + (sub + 0.5) / SUBSAMPLES
            xs = sorted(x0 + (yy - y0) * (x1 - x0) / (y1 - y0) for (x0, y0), (x1, y1) in edges if (y0 <= yy < y1) or (y1 <= yy < y0))
            for a, b in zip(xs[0::2], xs[1::2]):
                left, right = int(a), int(b)
                first, last = min(first, left), max(last, right)
                if left == right:
                    cover[left] += (b - a) / SUBSAMPLES
                    continue
                cover[left] += (left + 1 - a) / SUBSAMPLES
                for px in range(left + 1, right):
                    cover[px] += 1 / SUBSAMPLES
                cover[right] += (b - right) / SUBSAMPLES
        last = min(last, size - 1)
        rows.append((first, cover[first : last + 1]) if first <= last else (0, []))
    return rows


@lru_cache(maxsize=None)  # the same bytes every build; the preview builds many times
def icon_png(size: int) -> bytes:
    """The icon as a ``size`` × ``size`` RGB PNG."""
    lines = [bytearray(bytes(RED) * size) for _ in range(size)]  # RGB, 3 bytes a pixel
    for polygon, colour in SHAPES:
        solid = bytes(colour)
        for y, (first, row) in enumerate(_coverage(size, polygon)):
            line = lines[y]
            for x, amount in enumerate(row, start=first):
                at = 3 * x
                if amount >= 1.0:  # wholly inside: the colour itself, as the blend below gives it
                    line[at : at + 3] = solid
                elif amount > 0:
                    line[at : at + 3] = bytes(round(under + (paint - under) * amount) for under, paint in zip(line[at : at + 3], colour))
    raw = b"".join(b"\x00" + bytes(line) for line in lines)  # each row: filter none, then its pixels

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
