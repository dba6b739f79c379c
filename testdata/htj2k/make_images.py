"""Deterministic synthetic images for the HTJ2K test codestreams: edges, a disc, texture and hashed noise."""
import struct


def value(x, y, bits):
    noise = ((x * 2654435761 + y * 40503) >> 7) % 61
    disc = (3 << (bits - 3)) if (x - 18) ** 2 + (y - 14) ** 2 < 60 else 0
    return (x * 131 + y * 71 + (x * y) % 97 + disc + noise) % (1 << bits)


def pgm(name, w, h, bits):
    with open(name, "wb") as f:
        f.write(b"P5\n%d %d\n%d\n" % (w, h, (1 << bits) - 1))
        for y in range(h):
            for x in range(w):
                v = value(x, y, bits)
                f.write(struct.pack(">H", v) if bits > 8 else bytes([v]))


def signed_raw(name, w, h, bits, low):
    """Two's complement samples in [low, 2^(bits-1)), little-endian 16-bit (one byte when bits <= 8), for ojph_compress.

    OpenJPH 0.9's raw reader does not sign-extend samples (negative ones become large positive values that its own
    decoder wraps back), so the images keep to non-negative values; the codestream is still signed (no DC shift).
    """
    with open(name, "wb") as f:
        for y in range(h):
            for x in range(w):
                v = low + value(x, y, bits) % ((1 << (bits - 1)) - low)
                f.write(struct.pack("<b", v) if bits <= 8 else struct.pack("<h", v))


pgm("gray8.pgm", 37, 29, 8)
pgm("gray12.pgm", 37, 29, 12)
pgm("gray16.pgm", 37, 29, 16)
pgm("gray16_64.pgm", 64, 64, 16)
pgm("gray12_1x1.pgm", 1, 1, 12)
pgm("gray12_3x2.pgm", 3, 2, 12)
pgm("gray8_5x7.pgm", 5, 7, 8)
signed_raw("signed8.raw", 23, 17, 8, 0)
signed_raw("signed12.raw", 23, 17, 12, 0)
signed_raw("signed16.raw", 23, 17, 16, 0)
with open("rgb8.ppm", "wb") as f:
    f.write(b"P6\n%d %d\n255\n" % (37, 29))
    for y in range(29):
        for x in range(37):
            f.write(bytes([value(x, y, 8), (x * 7 + value(y, x, 8)) % 256, (y * 9 + x) % 256]))
