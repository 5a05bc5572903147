"""Run: python3 scripts/make_icons.py

Draws Pingxuan's app icons (a ballot going into a ballot box, with a check mark)
with only the standard library: signed distance shapes, 3x3 supersampling, zlib PNG."""
import math, struct, zlib

BRAND = (0x1F, 0x5F, 0x8B)
BRAND_DARK = (0x16, 0x47, 0x66)
WHITE = (0xFF, 0xFF, 0xFF)
BOX = (0xD6, 0xE6, 0xF2)

def rrect(px, py, cx, cy, hx, hy, r):
    qx = abs(px - cx) - hx + r
    qy = abs(py - cy) - hy + r
    return math.hypot(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - r

def seg(px, py, ax, ay, bx, by):
    pax, pay, bax, bay = px - ax, py - ay, bx - ax, by - ay
    h = max(0, min(1, (pax * bax + pay * bay) / (bax * bax + bay * bay)))
    return math.hypot(pax - bax * h, pay - bay * h)

def shade(x, y, rounded, scale):
    """Colour (r, g, b, a) at unit coordinates (x, y)."""
    if rounded and rrect(x, y, 0.5, 0.5, 0.5, 0.5, 0.22) > 0:
        return (0, 0, 0, 0)
    # Content scaled about the centre (maskable icons keep it in the safe zone).
    u = 0.5 + (x - 0.5) / scale
    v = 0.5 + (y - 0.5) / scale
    colour = BRAND
    if rrect(u, v, 0.5, 0.385, 0.165, 0.20, 0.035) <= 0:
        colour = WHITE
        tick = min(seg(u, v, 0.405, 0.395, 0.475, 0.465), seg(u, v, 0.475, 0.465, 0.605, 0.315))
        if tick <= 0.032:
            colour = BRAND
    if rrect(u, v, 0.5, 0.665, 0.285, 0.135, 0.045) <= 0:
        colour = BOX
        if rrect(u, v, 0.5, 0.565, 0.205, 0.014, 0.014) <= 0:
            colour = BRAND_DARK
    return colour + (255,)

def render(size, rounded, scale=1.0, ss=3):
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            acc = [0, 0, 0, 0]
            for sj in range(ss):
                for si in range(ss):
                    x = (i + (si + 0.5) / ss) / size
                    y = (j + (sj + 0.5) / ss) / size
                    r, g, b, a = shade(x, y, rounded, scale)
                    acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a
            n = ss * ss
            a = acc[3] / n
            if acc[3]:
                row += bytes([round(acc[0] / acc[3]), round(acc[1] / acc[3]), round(acc[2] / acc[3]), round(a)])
            else:
                row += bytes([0, 0, 0, 0])
        rows.append(bytes(row))
    return b"".join(rows)

def png(path, size, data):
    def chunk(kind, body):
        c = struct.pack(">I", len(body)) + kind + body
        return c + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(data, 9)) + chunk(b"IEND", b""))

import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "public", "icons") + os.sep
png(out + "icon-192.png", 192, render(192, True))
png(out + "icon-512.png", 512, render(512, True, ss=2))
png(out + "icon-maskable-512.png", 512, render(512, False, scale=0.8, ss=2))
png(out + "apple-touch-icon.png", 180, render(180, False, scale=0.9))
print("ok")
