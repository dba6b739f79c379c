"""Deterministic synthetic test images (odd sizes, edges and texture) for the JPEG 2000 codestreams."""
import struct

W, H = 37, 29


def value(x, y, bits):
    v = (x * 131 + y * 71 + (x * y) % 97 + (2000 if (x - 18) ** 2 + (y - 14) ** 2 < 60 else 0)) % (1 << bits)
    return v


def pgm(name, bits):
    maxval = (1 << bits) - 1
    with open(name, "wb") as f:
        f.write(b"P5\n%d %d\n%d\n" % (W, H, maxval))
        for y in range(H):
            for x in range(W):
                v = value(x, y, bits)
                f.write(struct.pack(">H", v) if bits > 8 else bytes([v]))


pgm("gray8.pgm", 8)
pgm("gray12.pgm", 12)
pgm("gray16.pgm", 16)
with open("rgb8.ppm", "wb") as f:
    f.write(b"P6\n%d %d\n255\n" % (W, H))
    for y in range(H):
        for x in range(W):
            f.write(bytes([value(x, y, 8), (x * 7) % 256, (y * 9 + x) % 256]))
