/**
 * Advance widths in thousandths of an em, of DejaVu Sans Bold: the default sans on Linux and the
 * widest of the fonts the page asks for (system-ui, Segoe UI, Helvetica Neue, Arial are narrower),
 * so text sized with it fits in any of them. Bold, because the boxes' text is weight 600 and 700;
 * the oblique has the same advances. A table rather than a measurement, so the prerender in Node
 * and the browser size boxes alike.
 */
const ADVANCE: Record<string, number> = {
	...Object.fromEntries([...'0123456789'].map((d) => [d, 696])),
	...Object.fromEntries([...'₀₁₂₃₄₅₆₇₈₉'].map((d) => [d, 438])),
	'.': 380,
	',': 380,
	'·': 380,
	'@': 1002,
	'−': 838,
	'+': 838,
	'×': 838,
	'-': 415,
	_: 500,
	'∞': 833,
	'(': 457,
	')': 457,
	'[': 457,
	']': 457,
	' ': 348,
	a: 675,
	b: 716,
	c: 593,
	d: 716,
	e: 678,
	f: 435,
	g: 716,
	h: 712,
	i: 343,
	j: 343,
	k: 665,
	l: 343,
	m: 1042,
	n: 712,
	o: 687,
	p: 716,
	q: 716,
	r: 493,
	s: 595,
	t: 478,
	u: 712,
	v: 652,
	w: 924,
	x: 645,
	y: 652,
	z: 582,
	A: 774,
	B: 762,
	C: 734,
	D: 830,
	E: 683,
	F: 683,
	G: 821,
	H: 837,
	I: 372,
	J: 372,
	K: 775,
	L: 637,
	M: 995,
	N: 837,
	O: 850,
	P: 733,
	Q: 850,
	R: 770,
	S: 720,
	T: 682,
	U: 812,
	V: 774,
	W: 1103,
	X: 771,
	Y: 724,
	Z: 725,
	α: 687,
	β: 716,
	γ: 681,
	δ: 687,
	η: 712,
	θ: 687,
	λ: 633,
	μ: 736,
	σ: 779,
	τ: 638,
	φ: 782,
	ŷ: 652,
	// The combining hat of ŷ-like symbols takes no room of its own.
	'\u0302': 0
};

// Anything else (other scripts, symbols) is taken as wide as the widest letter, W.
const UNKNOWN = 1103;

/** The width of `text` set in `fontSize` (same units), as the boxes' bold sans sets it, or wider. */
export function textWidth(text: string, fontSize: number): number {
	let thousandths = 0;
	for (const c of text) thousandths += Object.hasOwn(ADVANCE, c) ? ADVANCE[c] : UNKNOWN;
	return (thousandths * fontSize) / 1000;
}
