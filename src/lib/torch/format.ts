/**
 * Python's number and string formatting: `format(value, spec)` as f-strings use it, and
 * `repr(float)` (the shortest text that reads back as the same float). Digits are computed
 * exactly with bigint arithmetic and ties rounded half to even, as CPython does, so
 * `f"{0.125:.2f}"` is "0.12" (JavaScript's toFixed gives "0.13").
 *
 * A JavaScript number stands for a Python float, a bigint for an int.
 */

export type Formattable = number | bigint | boolean | string;

/** The message Python gives, as a ValueError. */
export class FormatError extends Error {}

interface Spec {
	fill: string;
	align: string | undefined;
	sign: string;
	z: boolean;
	alternate: boolean;
	zero: boolean;
	width: number;
	grouping: string;
	precision: number | undefined;
	type: string;
}

const SPEC =
	/^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

export function pythonTypeName(value: Formattable): string {
	if (typeof value === 'number') return 'float';
	if (typeof value === 'bigint') return 'int';
	if (typeof value === 'boolean') return 'bool';
	return 'str';
}

/** `format(value, spec)`; throws FormatError with Python's message for a spec that does not fit. */
export function formatPython(value: Formattable, spec: string): string {
	if (typeof value === 'boolean') {
		// bool formats as its name with an empty spec, and as the int 0 or 1 otherwise.
		if (spec === '') return value ? 'True' : 'False';
		return formatInt(value ? 1n : 0n, parseSpec(spec, 'bool'), 'bool');
	}
	const parsed = parseSpec(spec, pythonTypeName(value));
	if (typeof value === 'string') return formatString(value, parsed);
	if (typeof value === 'bigint') return formatInt(value, parsed, 'int');
	return formatFloat(value, parsed);
}

function parseSpec(spec: string, typeName: string): Spec {
	const m = SPEC.exec(spec);
	if (!m)
		throw new FormatError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
	const width = m[7] ? Number(m[7]) : 0;
	const grouping = m[8] ?? '';
	const type = m[10] ?? '';
	// Checked before the type itself, as CPython does (PEP 378 allows these).
	if (grouping && !'defgEGF%'.includes(type) && !(grouping === '_' && 'boxX'.includes(type))) {
		throw new FormatError(`Cannot specify '${grouping}' with '${type}'.`);
	}
	return {
		fill: m[1] ?? (m[6] ? '0' : ' '),
		align: m[2] ?? (m[6] && typeName !== 'str' ? '=' : undefined),
		sign: m[3] ?? '',
		z: Boolean(m[4]),
		alternate: Boolean(m[5]),
		zero: Boolean(m[6]),
		width,
		grouping: m[8] ?? '',
		precision: m[9] === undefined ? undefined : Number(m[9]),
		type: m[10] ?? ''
	};
}

function formatString(value: string, spec: Spec): string {
	if (spec.type !== '' && spec.type !== 's') {
		throw new FormatError(`Unknown format code '${spec.type}' for object of type 'str'`);
	}
	if (spec.sign) {
		throw new FormatError(
			`${spec.sign === ' ' ? 'Space' : 'Sign'} not allowed in string format specifier`
		);
	}
	if (spec.alternate)
		throw new FormatError('Alternate form (#) not allowed in string format specifier');
	if (spec.align === '=') {
		throw new FormatError("'=' alignment not allowed in string format specifier");
	}
	if (spec.grouping) throw new FormatError(`Cannot specify '${spec.grouping}' with 's'.`);
	const chars = Array.from(value);
	const text = spec.precision === undefined ? value : chars.slice(0, spec.precision).join('');
	return pad('', text, spec, '<');
}

function formatInt(value: bigint, spec: Spec, typeName: string): string {
	const type = spec.type;
	if ('eEfFgG%'.includes(type) && type !== '') return formatFloat(Number(value), spec);
	if (!['', 'd', 'n', 'b', 'o', 'x', 'X', 'c'].includes(type)) {
		throw new FormatError(`Unknown format code '${type}' for object of type '${typeName}'`);
	}
	if (spec.precision !== undefined) {
		throw new FormatError('Precision not allowed in integer format specifier');
	}
	if (type === 'c') {
		if (spec.sign || spec.alternate) {
			throw new FormatError(
				spec.alternate
					? "Alternate form (#) not allowed with integer format specifier 'c'"
					: "Sign not allowed with integer format specifier 'c'"
			);
		}
		if (value >= 2n ** 63n || value < -(2n ** 63n)) {
			throw new FormatError('Python int too large to convert to C long');
		}
		if (value < 0n || value > 0x10ffffn) throw new FormatError('%c arg not in range(0x110000)');
		return pad('', String.fromCodePoint(Number(value)), spec, '<');
	}
	const radix = { b: 2, o: 8, x: 16, X: 16 }[type] ?? 10;
	if (spec.grouping === ',' && radix !== 10) {
		throw new FormatError(`Cannot specify ',' with '${type}'.`);
	}
	if (type === 'n' && spec.grouping) {
		throw new FormatError(`Cannot specify '${spec.grouping}' with 'n'.`);
	}
	const negative = value < 0n;
	let digits = (negative ? -value : value).toString(radix);
	if (type === 'X') digits = digits.toUpperCase();
	const prefix = spec.alternate && radix !== 10 ? `0${type}` : '';
	const sign = negative ? '-' : spec.sign === '-' ? '' : spec.sign;
	return padNumber(sign + prefix, digits, '', spec, radix === 10 ? 3 : 4);
}

function formatFloat(value: number, spec: Spec): string {
	let type = spec.type;
	if (!['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%'].includes(type)) {
		throw new FormatError(`Unknown format code '${type}' for object of type 'float'`);
	}
	if (type === 'n' && spec.grouping) {
		throw new FormatError(`Cannot specify '${spec.grouping}' with 'n'.`);
	}
	if (type === 'n') type = 'g';
	const upper = type === 'E' || type === 'F' || type === 'G';
	let x = value;
	if (type === '%') x *= 100;
	let negative = x < 0 || Object.is(x, -0);
	const magnitude = Math.abs(x);
	let body: string;
	if (!Number.isFinite(x)) {
		body = Number.isNaN(x) ? 'nan' : 'inf';
		if (Number.isNaN(x)) negative = false;
		if (upper) body = body.toUpperCase();
	} else {
		body = floatBody(magnitude, type, spec.precision, spec.alternate);
		if (upper) body = body.toUpperCase();
		// 'z' turns a negative number that rounds to zero into a plain zero.
		if (spec.z && negative && !/[1-9]/.test(body.split(/e/i)[0])) negative = false;
	}
	if (type === '%') body += '%';
	const sign = negative ? '-' : spec.sign === '-' ? '' : spec.sign;
	// Split the body into its integer digits and the rest, so grouping applies to the first.
	const m = /^(\d*)(.*)$/s.exec(body)!;
	// inf and nan take zero padding but no separators.
	return padNumber(sign, m[1], m[2], Number.isFinite(x) ? spec : { ...spec, grouping: '' }, 3);
}

/** The digits of a finite, non-negative float in the given presentation type. */
function floatBody(
	x: number,
	type: string,
	precision: number | undefined,
	alternate: boolean
): string {
	switch (type) {
		case 'f':
		case 'F':
		case '%': {
			const text = fixed(x, precision ?? 6);
			return alternate && !text.includes('.') ? `${text}.` : text;
		}
		case 'e':
		case 'E': {
			const p = precision ?? 6;
			const { digits, exponent } = scientific(x, p);
			const mantissa =
				p === 0 ? (alternate ? `${digits}.` : digits) : `${digits[0]}.${digits.slice(1)}`;
			return `${mantissa}e${exponentText(exponent)}`;
		}
		case 'g':
		case 'G':
			return general(x, precision ?? 6, alternate, false);
		default:
			// No type: repr without a precision, 'g'-like with one (and a fixed result keeps a '.0').
			if (precision === undefined) return reprFloat(x);
			return general(x, precision, alternate, true);
	}
}

function general(x: number, precision: number, alternate: boolean, dotZero: boolean): string {
	const p = precision === 0 ? 1 : precision;
	const { digits, exponent } = scientific(x, p - 1);
	const decpt = exponent + 1;
	// CPython's rule (format_float_short): a '.0' to add shortens the room for fixed notation.
	const useExponent = decpt <= -4 || decpt > (dotZero ? p - 1 : p);
	let text: string;
	if (useExponent) {
		let mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
		if (!alternate) mantissa = stripZeros(mantissa);
		else if (!mantissa.includes('.')) mantissa += '.';
		text = `${mantissa}e${exponentText(exponent)}`;
	} else {
		text = placePoint(digits, decpt);
		if (!alternate) text = stripZeros(text);
		else if (!text.includes('.')) text += '.';
		if (dotZero && !text.includes('.')) text += '.0';
	}
	return text;
}

function stripZeros(text: string): string {
	if (!text.includes('.')) return text;
	return text.replace(/0+$/, '').replace(/\.$/, '');
}

/** Digits d1d2d3 with the point after `decpt` of them: placePoint('123', 1) is '1.23'. */
function placePoint(digits: string, decpt: number): string {
	if (decpt <= 0) return `0.${'0'.repeat(-decpt)}${digits}`;
	if (decpt >= digits.length) return digits + '0'.repeat(decpt - digits.length);
	return `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

function exponentText(exponent: number): string {
	const sign = exponent < 0 ? '-' : '+';
	return sign + String(Math.abs(exponent)).padStart(2, '0');
}

/** Python's repr of a float: shortest round-trip digits, fixed from 1e-4 up to 1e16. */
export function reprFloat(x: number): string {
	if (Number.isNaN(x)) return 'nan';
	if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
	const sign = x < 0 || Object.is(x, -0) ? '-' : '';
	if (x === 0) return `${sign}0.0`;
	const [mantissa, exp] = Math.abs(x).toExponential().split('e');
	const digits = mantissa.replace('.', '');
	const exponent = Number(exp);
	const decpt = exponent + 1;
	if (decpt > -4 && decpt <= 16) {
		const text = placePoint(digits, decpt);
		return sign + (text.includes('.') ? text : `${text}.0`);
	}
	const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
	return `${sign}${m}e${exponentText(exponent)}`;
}

/** x = mantissa * 2^exponent exactly, for a finite x > 0. */
export function decompose(x: number): { mantissa: bigint; exponent: number } {
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, x);
	const hi = view.getUint32(0);
	const lo = view.getUint32(4);
	const biased = (hi >>> 20) & 0x7ff;
	let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
	if (biased === 0) return { mantissa, exponent: -1074 };
	mantissa |= 1n << 52n;
	return { mantissa, exponent: biased - 1075 };
}

/** round(x * 10^power), ties to even, for x >= 0. */
function roundScaled(x: number, power: number): bigint {
	if (x === 0) return 0n;
	const { mantissa, exponent } = decompose(x);
	let num = mantissa;
	let den = 1n;
	if (exponent >= 0) num <<= BigInt(exponent);
	else den <<= BigInt(-exponent);
	if (power >= 0) num *= 10n ** BigInt(power);
	else den *= 10n ** BigInt(-power);
	const q = num / den;
	const r2 = (num - q * den) * 2n;
	if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
	return q;
}

/** x >= 0 with `decimals` digits after the point, exactly rounded. */
function fixed(x: number, decimals: number): string {
	const digits = roundScaled(x, decimals)
		.toString()
		.padStart(decimals + 1, '0');
	if (decimals === 0) return digits;
	return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** The first precision+1 significant digits of x >= 0, exactly rounded, and x's exponent. */
function scientific(x: number, precision: number): { digits: string; exponent: number } {
	if (x === 0) return { digits: '0'.repeat(precision + 1), exponent: 0 };
	let exponent = Math.floor(Math.log10(x));
	for (;;) {
		const n = roundScaled(x, precision - exponent);
		const text = n.toString();
		if (text.length > precision + 1) exponent++;
		else if (text.length < precision + 1) exponent--;
		else return { digits: text, exponent };
	}
}

function group(digits: string, separator: string, size: number): string {
	if (!separator) return digits;
	let out = '';
	for (let i = digits.length; i > 0; i -= size) {
		const chunk = digits.slice(Math.max(0, i - size), i);
		out = out ? `${chunk}${separator}${out}` : chunk;
	}
	return out;
}

/** Sign, grouped integer digits, the rest; padded, with '=' putting the fill after the sign. */
function padNumber(sign: string, integer: string, rest: string, spec: Spec, size: number): string {
	let digits = integer;
	if (spec.align === '=' && spec.fill === '0' && spec.grouping) {
		// Zero padding is grouped too: f"{1234:010,}" is "00,001,234".
		while (sign.length + group(digits, spec.grouping, size).length + rest.length < spec.width) {
			digits = `0${digits}`;
		}
	}
	return pad(sign, group(digits, spec.grouping, size) + rest, spec, '>');
}

function pad(sign: string, body: string, spec: Spec, defaultAlign: string): string {
	const length = Array.from(sign + body).length;
	const room = spec.width - length;
	if (room <= 0) return sign + body;
	const fill = spec.fill;
	switch (spec.align ?? defaultAlign) {
		case '<':
			return sign + body + fill.repeat(room);
		case '^': {
			const left = Math.floor(room / 2);
			return fill.repeat(left) + sign + body + fill.repeat(room - left);
		}
		case '=':
			return sign + fill.repeat(room) + body;
		default:
			return fill.repeat(room) + sign + body;
	}
}
