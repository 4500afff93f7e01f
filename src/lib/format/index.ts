import { formatLocale } from 'd3-format';

const MINUS = '\u2212';

// An explicit locale, so a formatDefaultLocale call elsewhere cannot change what we print.
const locale = formatLocale({
	decimal: '.',
	thousands: ',',
	grouping: [3],
	currency: ['', ''],
	minus: MINUS
});

// Fixed notation would be too wide from here on.
const LARGE = 1e6;

function formatter(decimals: number): (x: number) => string {
	const fixed = locale.format(`.${decimals}f`);
	const exponent = locale.format(`.${decimals}e`);
	const zero = fixed(0);
	// d3 writes the exponent's sign with ASCII '-'; use the same minus as the mantissa.
	const scientific = (x: number) => exponent(x).replace('e-', `e${MINUS}`);
	return (x) => {
		if (Number.isNaN(x)) return 'NaN';
		if (x === Infinity) return '∞';
		if (x === -Infinity) return `${MINUS}∞`;
		// Compare after rounding so 999999.99999 does not print as a seven-digit fixed number.
		if (Math.abs(Number(x.toFixed(decimals))) >= LARGE) return scientific(x);
		const text = fixed(x);
		// A tiny nonzero gradient is the lesson (it vanished, it did not become zero), so show
		// its size instead of a zero. d3 already prints a rounded-away negative as zero.
		return text === zero && x !== 0 ? scientific(x) : text;
	};
}

/**
 * A value or gradient as shown on the graph: 4 decimals, correctly rounded, with a true minus
 * sign (−0.0826). Exactly zero is 0.0000 (never −0.0000); nonzero values that would round to
 * zero and values of a million or more switch to exponent form (3.0000e−7, 1.2346e+6);
 * NaN, ∞ and −∞ are spelled out.
 */
export const formatNumber: (x: number) => string = formatter(4);

/** Like formatNumber with 2 decimals, for slider labels and other tight spots. */
export const formatShort: (x: number) => string = formatter(2);
