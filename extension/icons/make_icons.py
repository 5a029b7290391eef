#!/usr/bin/env python3
"""Draws Plane Inline's toolbar icons (16, 32, 48 and 128 px PNG) once; the PNGs are committed.

A blue rounded square holding three white property rows, each with a dot and a bar, drawn with
4x4 supersampling and written with the standard library only (zlib + struct).
Run: python3 extension/icons/make_icons.py
"""
import pathlib
import struct
import zlib

BLUE = (37, 99, 235)
WHITE = (255, 255, 255)


def inside_rounded(x, y, size, radius):
    """Whether (x, y) in [0, size) lies in a square with rounded corners."""
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def colour_at(x, y):
    """The colour of a point of the unit-size design (x, y in [0, 1)), or None outside."""
    if not inside_rounded(x, y, 1.0, 0.22):
        return None
    for row in range(3):
        top = 0.22 + row * 0.2
        if top <= y < top + 0.14:
            if (x - 0.29) ** 2 + (y - top - 0.07) ** 2 <= 0.07 ** 2:
                return WHITE
            if 0.43 <= x < 0.8 and top + 0.03 <= y < top + 0.11:
                return WHITE
    return BLUE


def render(size):
    """RGBA rows of the icon at `size` pixels."""
    samples = 4
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            totals = [0, 0, 0, 0]
            for sy in range(samples):
                for sx in range(samples):
                    x = (px + (sx + 0.5) / samples) / size
                    y = (py + (sy + 0.5) / samples) / size
                    colour = colour_at(x, y)
                    if colour is not None:
                        totals[0] += colour[0]
                        totals[1] += colour[1]
                        totals[2] += colour[2]
                        totals[3] += 255
            count = samples * samples
            covered = totals[3] // 255
            if covered:
                row += bytes([totals[0] // covered, totals[1] // covered, totals[2] // covered, totals[3] // count])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return rows


def png(size, rows):
    """A PNG file's bytes for RGBA rows."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + row for row in rows)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    here = pathlib.Path(__file__).resolve().parent
    for size in (16, 32, 48, 128):
        (here / f"{size}.png").write_bytes(png(size, render(size)))


if __name__ == "__main__":
    main()
