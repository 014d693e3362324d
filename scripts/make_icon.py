"""Draws assets/icon.png (512 × 512): a lens over a small factor grid, in the app's blue.
Plain zlib + struct, no imaging library. Run: /usr/bin/python3 scripts/make_icon.py"""
import os
import struct
import zlib

N = 512
BLUE = (21, 101, 192)
LIGHT = (227, 238, 250)
WHITE = (255, 255, 255)
ORANGE = (242, 142, 43)


def pixel(x, y):
    # Rounded square background.
    r = 96
    cx, cy = min(max(x, r), N - 1 - r), min(max(y, r), N - 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    colour = BLUE
    # A 4 × 4 grid of factor cells in the upper left.
    gx, gy = (x - 120) // 48, (y - 120) // 48
    if 0 <= gx < 4 and 0 <= gy < 4 and (x - 120) % 48 < 40 and (y - 120) % 48 < 40:
        colour = LIGHT if (gx + gy) % 3 else ORANGE
    # The lens: a ring and a handle.
    d2 = (x - 300) ** 2 + (y - 300) ** 2
    if 95 ** 2 <= d2 <= 125 ** 2:
        colour = WHITE
    if abs((x - y)) < 24 and 380 < x < 470 and 380 < y < 470:
        colour = WHITE
    return colour + (255,)


rows = b''.join(b'\x00' + b''.join(struct.pack('BBBB', *pixel(x, y)) for x in range(N)) for y in range(N))


def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)


png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', N, N, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')
out = os.path.join(os.path.dirname(__file__), '..', 'assets', 'icon.png')
with open(out, 'wb') as f:
    f.write(png)
print(out, len(png), 'bytes')
