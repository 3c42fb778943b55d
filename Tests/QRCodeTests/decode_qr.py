"""Decodes a QR code matrix with zxing-cpp, an independent reader, for QRCodeTests.

Usage: python3 decode_qr.py MATRIX_FILE

MATRIX_FILE holds one line per row of '0' (light) and '1' (dark) modules, without quiet zone.
Prints the decoded payload bytes (UTF-8 for our encoder) to stdout and, on stderr, a line
"level=M version=7 mask=6" with what the reader saw in the format and version information.
Exits 1 when nothing decodes.
Needs: python3 -m pip install zxing-cpp numpy
"""

import sys

import numpy
import zxingcpp

SCALE = 4  # pixels per module
QUIET_ZONE = 4  # modules of light margin, as ISO/IEC 18004 §6.3.8 asks


def main() -> int:
    with open(sys.argv[1], encoding="ascii") as file:
        rows = [line.strip() for line in file if line.strip()]
    if not rows or any(len(row) != len(rows) or set(row) - {"0", "1"} for row in rows):
        print("the matrix must be square and made of 0 and 1", file=sys.stderr)
        return 2
    dark = numpy.array([[char == "1" for char in row] for row in rows], dtype=bool)
    dark = numpy.pad(dark, QUIET_ZONE, constant_values=False)
    pixels = numpy.where(dark, 0, 255).astype(numpy.uint8)
    image = numpy.kron(pixels, numpy.ones((SCALE, SCALE), dtype=numpy.uint8))
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    if not results:
        print("no QR code found", file=sys.stderr)
        return 1
    result = results[0]
    extra = result.extra or {}
    print(f"level={result.ec_level} version={extra.get('Version')} mask={extra.get('DataMask')}", file=sys.stderr)
    sys.stdout.buffer.write(result.bytes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
