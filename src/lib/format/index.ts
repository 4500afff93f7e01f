const MINUS = '\u2212';

// Fixed notation would be too wide from here on.
const LARGE = 1e6;

/**
 * Every number the page shows, in one form: node boxes, formulas and their plugged-in factors,
 * narration, lesson prose, tables, plot labels, edge labels, feedback and export captions.
 *
 * - 4 decimals, correctly rounded (the double's exact value decides): 0.7000, −0.0826.
 * - Scientific with 4 significant digits where 4 decimals would print a nonzero number as 0.0000
 *   (a vanished gradient is the lesson, not a zero) or where the magnitude is 10⁶ or more:
 *   −1.462e−8, 1.235e6. The exponent has no plus sign and, like the mantissa, a true minus.
 * - Zero, also −0, is 0.0000; NaN, ∞ and −∞ are spelled out.
 * - The minus is U+2212 everywhere.
 */
export function formatNumber(x: number): string {
	if (Number.isNaN(x)) return 'NaN';
	if (x === Infinity) return '∞';
	if (x === -Infinity) return `${MINUS}∞`;
	if (x === 0) return '0.0000';
	const fixed = x.toFixed(4);
	// Compare after rounding so 999999.99999 does not print as a seven-digit fixed number.
	const rounded = Math.abs(Number(fixed));
	if (rounded === 0 || rounded >= LARGE) return scientific(x);
	return fixed.replace('-', MINUS);
}

function scientific(x: number): string {
	return x.toExponential(3).replace('e+', 'e').replaceAll('-', MINUS);
}

/**
 * A constant of a formula or an op (the 2 in 2(ŷ − y), the 0.5 of x^0.5): as written when 4
 * decimals hold it exactly (2, 0.5, −3), else as formatNumber prints it. Not for computed numbers.
 */
export function formatConstant(x: number): string {
	const written = String(x);
	return /^-?\d{1,6}(\.\d{1,4})?$/.test(written) ? written.replace('-', MINUS) : formatNumber(x);
}

/**
 * The widest text formatNumber can return, one per form (fixed, scientific, non-finite): what a
 * box must fit. Fixed stops below 10⁶ and scientific exponents reach −324 (the smallest double).
 */
export const WIDEST_NUMBERS: readonly string[] = [
	`${MINUS}999999.9999`,
	`${MINUS}8.888e${MINUS}308`,
	`${MINUS}∞`,
	'NaN'
];
