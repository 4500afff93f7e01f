"""Writes tests/reference/python-format.json: what real Python gives for format(value, spec),
repr(float) and str() of a few values, for the tests of src/lib/torch/format.ts.

Run from the project folder, then let Prettier lay the file out as the lint expects:
    /usr/bin/python3 scripts/reference/python_format.py
    npx prettier --write tests/reference/python-format.json
"""
import json
import math
import random
import struct
import sys

FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 0.125, 0.375, -0.125, 0.0625, 1 / 3, 2 / 3,
          0.1, 0.7, 0.2166434998109707, -0.1651139337595659, -0.08255696687978295,
          -0.6220157061362409, 123.456, 123456.789, 1234567.0, 9.9999, 0.99995, 9.5, 99.5,
          1e-05, 1.5e-05, 0.0001, 0.00012345, 1e16, 1e15, 12345678901234567890.0, 1e300,
          5e-324, 1.7976931348623157e308, -2.675, 2.675, 1e22, 100.0, 1e-7,
          float('inf'), float('-inf'), float('nan')]
INTS = [0, 1, 7, -42, 255, 65, 1234567, -1234567, 2 ** 64, 10 ** 20]
STRINGS = ['', 'abc', 'héllo', 'loss']
BOOLS = [True, False]

SPECS = ['', '.4f', '.3e', '>8.4f', '<8.4f', '^9.2f', '=+10.3f', '+.4f', ' .4f', '+', ' ',
         '.0f', '.1f', '.2f', '.6f', '.10f', 'f', 'F', 'e', 'E', '.0e', '.1e', '#.0e', 'g', 'G',
         '.3g', '.1g', '.0g', '#g', '#.3g', '.10g', '.3', '.1', '.12', '10', '<10', '*^12',
         '010.3f', '08.2f', '012,.2f', ',', ',.2f', '_.3f', '%', '.1%', '.0%', 'z.2f', 'z.1e',
         '#.0f', 'd', ',d', '_d', 'x', 'X', '#x', '#o', 'b', '#b', '_b', 'o', 'c', '>5', '05',
         '010,', '+d', ' d', '=8', 's', '>6s', '.2s', '<6', '^7', '-^7', 'abc', '.3.f', '.2d',
         ',x', '+c', '#s', '=5s', ',s', '10.4n', 'n']


def run(value, spec):
    try:
        return {'text': format(value, spec)}
    except (ValueError, TypeError, OverflowError) as e:
        return {'error': f'{type(e).__name__}: {e}'}


def encode(value):
    if isinstance(value, bool):
        return {'bool': value}
    if isinstance(value, int):
        return {'int': str(value)}
    if isinstance(value, float):
        return {'float': struct.pack('>d', value).hex()}
    return {'str': value}


def compact(out):
    """JSON with one case per line, as Prettier leaves it."""
    lines = ['{', f'\t"python": {json.dumps(out["python"])},']
    for key in ['format', 'repr']:
        items = [json.dumps(c, ensure_ascii=False, separators=(', ', ': ')) for c in out[key]]
        lines.append(f'\t"{key}": [')
        lines.append(',\n'.join(f'\t\t{item}' for item in items))
        lines.append('\t],' if key == 'format' else '\t]')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def main():
    cases = []
    for value in FLOATS + INTS + STRINGS + BOOLS:
        for spec in SPECS:
            cases.append({'value': encode(value), 'spec': spec, **run(value, spec)})
    rng = random.Random(20261201)
    reprs = []
    for value in FLOATS[:-3]:
        reprs.append({'bits': struct.pack('>d', value).hex(), 'repr': repr(value)})
    for _ in range(300):
        # Random doubles of every magnitude, and random decimals of few digits (ties, .5 cases).
        if rng.random() < 0.5:
            value = struct.unpack('>d', rng.getrandbits(64).to_bytes(8, 'big'))[0]
            if math.isnan(value) or math.isinf(value):
                continue
        else:
            value = rng.randint(-99999, 99999) / 10 ** rng.randint(0, 8)
        reprs.append({'bits': struct.pack('>d', value).hex(), 'repr': repr(value)})
        for spec in ['.4f', '.3e', 'g', '.3']:
            cases.append({'value': encode(value), 'spec': spec, **run(value, spec)})
    out = {'python': sys.version.split()[0], 'format': cases, 'repr': reprs}
    with open('tests/reference/python-format.json', 'w') as f:
        f.write(compact(out))
    print(f'{len(cases)} format cases, {len(reprs)} reprs')


main()
