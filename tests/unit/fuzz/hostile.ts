import fc from 'fast-check';

/**
 * Hostile text for every entry point (numeric fields, links, expressions, the code cell), as
 * seeded fast-check arbitraries. Each input carries its kind so a run can say how many of each
 * it tried; lookalikes also carry what they stand for, so a test can check they are read as that.
 * Shared by the unit fuzz tests and the e2e sample (tests/e2e/hostile.spec.ts).
 */

export const SEED = 20240607;

export const KINDS = [
	'empty',
	'huge',
	'tiny',
	'nan-inf',
	'lookalike',
	'long',
	'markup',
	'control',
	'surrogate',
	'random',
	'mixed'
] as const;
export type Kind = (typeof KINDS)[number];

export interface Hostile {
	kind: Kind;
	text: string;
	/** for lookalikes: the plain ASCII text it stands for */
	meaning?: string;
}

const LONG = 100_000;

export const PIECES: Record<Exclude<Kind, 'lookalike' | 'random' | 'mixed'>, readonly string[]> = {
	empty: ['', ' ', '   ', '\t', '\n', '\u00a0', '\u3000'],
	huge: [
		'1e308',
		'1.7976931348623157e308',
		'1.8e308',
		'1e309',
		'-1e999',
		'1e+400',
		'9'.repeat(39),
		'9'.repeat(400),
		`1${'0'.repeat(309)}`,
		'123456789012345678901234567890',
		'9007199254740993'
	],
	tiny: [
		'1e-324',
		'5e-324',
		'-4.9e-324',
		'1e-400',
		`0.${'0'.repeat(30)}1`,
		'-0',
		'+0',
		'-0.0',
		'.0'
	],
	'nan-inf': [
		'NaN',
		'nan',
		'-NaN',
		'Infinity',
		'-Infinity',
		'+Infinity',
		'infinity',
		'inf',
		'-inf',
		'INF',
		'∞',
		'−∞',
		'+∞',
		'1/0',
		'0/0',
		'undefined',
		'null'
	],
	long: [
		'1'.repeat(LONG),
		'a'.repeat(LONG),
		'<script>alert(1)</script>'.repeat(LONG / 25),
		`${'('.repeat(LONG / 2)}${')'.repeat(LONG / 2)}`,
		`x${'+x'.repeat(LONG / 2)}`,
		'1\u200b'.repeat(LONG / 2),
		'%'.repeat(LONG),
		'\u202e'.repeat(LONG)
	],
	markup: [
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'"><svg onload=alert(1)>',
		'</title><script>alert(1)</script>',
		"'; DROP TABLE users; --",
		'javascript:alert(1)',
		'{{constructor.constructor("alert(1)")()}}',
		'${alert(1)}',
		'`${1}`',
		'&lt;b&gt;',
		'&#x3C;',
		'<!--',
		']]>',
		'__proto__',
		'constructor',
		'prototype',
		'toString',
		'valueOf',
		'hasOwnProperty'
	],
	control: [
		'\u0000',
		'\u0007',
		'\u0008',
		'\u001b[31m',
		'\r',
		'\r\n',
		'\u007f',
		'\u0085',
		'\u2028',
		'\u2029',
		'\ufeff',
		'\ufffe',
		'\uffff',
		'\u00ad'
	],
	surrogate: [
		'\ud800',
		'\udbff',
		'\udc00',
		'\udfff',
		'\ud83d',
		'a\udc00b',
		'\udc00\ud800',
		'1\ud800'
	]
};

// What a pasted number can hide: other minus signs, other scripts' digits and decimal points,
// invisible zero-width characters and direction marks.
const MINUSES = ['\u2212', '\u2013', '\u2012', '\ufe63', '\uff0d'];
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1d7ce, 0x1d7ec];
const POINTS: Record<string, readonly string[]> = { '.': ['.', '\uff0e', '\u066b'] };
const INVISIBLE = [
	'\u200b',
	'\u200c',
	'\u200d',
	'\u2060',
	'\ufeff',
	'\u200e',
	'\u200f',
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u061c'
];

/** A plain decimal number as a field would be typed: -12.5, 0.004, 3e-2. */
export const plainNumber = fc
	.tuple(
		fc.constantFrom('', '-', '+'),
		fc.nat({ max: 99_999 }),
		fc.option(fc.nat({ max: 9999 }), { nil: undefined }),
		fc.option(fc.integer({ min: -400, max: 400 }), { nil: undefined })
	)
	.map(
		([sign, whole, frac, exp]) =>
			`${sign}${whole}${frac === undefined ? '' : `.${frac}`}${exp === undefined ? '' : `e${exp}`}`
	);

/** A plain number dressed up: each character maybe swapped for a lookalike, invisibles sprinkled. */
export const lookalike: fc.Arbitrary<Hostile> = fc
	.tuple(
		plainNumber,
		fc.nat({ max: MINUSES.length - 1 }),
		fc.nat({ max: DIGIT_ZEROS.length - 1 }),
		fc.nat({ max: 2 }),
		fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { maxLength: 3 }),
		fc.boolean()
	)
	.map(([meaning, m, z, p, invisibles, swapDigits]) => {
		const zero = DIGIT_ZEROS[z];
		const chars = [...meaning].map((ch) => {
			if (ch === '-') return MINUSES[m];
			if (ch === '.') return POINTS['.'][p];
			if (swapDigits && ch >= '0' && ch <= '9')
				return String.fromCodePoint(zero + ch.charCodeAt(0) - 48);
			return ch;
		});
		for (const [at, mark] of invisibles) chars.splice(at % (chars.length + 1), 0, mark);
		return { kind: 'lookalike' as const, text: chars.join(''), meaning };
	});

const fromPieces = (kind: keyof typeof PIECES): fc.Arbitrary<Hostile> =>
	fc.constantFrom(...PIECES[kind]).map((text) => ({ kind, text }));

const ALL_SHORT_PIECES = Object.entries(PIECES)
	.filter(([kind]) => kind !== 'long')
	.flatMap(([, texts]) => texts);

/**
 * Hostile text for one entry point: the fixed pieces above, lookalikes, random unicode, and
 * mixes of pieces with `tokens` (the entry point's own vocabulary, so mixes get past the first
 * character). Long strings are rarer: each is 100 kB.
 */
export function hostile(tokens: readonly string[] = []): fc.Arbitrary<Hostile> {
	const vocabulary = [...ALL_SHORT_PIECES, ...tokens];
	return fc.oneof(
		{ arbitrary: fromPieces('empty'), weight: 1 },
		{ arbitrary: fromPieces('huge'), weight: 2 },
		{ arbitrary: fromPieces('tiny'), weight: 2 },
		{ arbitrary: fromPieces('nan-inf'), weight: 2 },
		{ arbitrary: lookalike, weight: 4 },
		{ arbitrary: fromPieces('long'), weight: 1 },
		{ arbitrary: fromPieces('markup'), weight: 2 },
		{ arbitrary: fromPieces('control'), weight: 1 },
		{ arbitrary: fromPieces('surrogate'), weight: 1 },
		{
			arbitrary: fc
				.oneof(
					fc.string({ unit: 'binary', maxLength: 40 }),
					fc.string({ unit: 'grapheme', maxLength: 40 }),
					fc.string({ maxLength: 40 })
				)
				.map((text) => ({ kind: 'random' as const, text })),
			weight: 3
		},
		{
			arbitrary: fc
				.array(fc.constantFrom(...vocabulary), { minLength: 2, maxLength: 8 })
				.map((parts) => ({ kind: 'mixed' as const, text: parts.join('') })),
			weight: 6
		}
	);
}

/** Counts by kind, for the one-line summary each entry point prints. */
export class Tally {
	#counts = new Map<Kind, number>();
	#outcomes = new Map<string, number>();
	#total = 0;
	add(kind: Kind): void {
		this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
		this.#total++;
	}
	/** How an input ended ("read", "refused"...), when the summary should say. */
	outcome(label: string): void {
		this.#outcomes.set(label, (this.#outcomes.get(label) ?? 0) + 1);
	}
	get total(): number {
		return this.#total;
	}
	summary(entry: string): string {
		const parts = KINDS.filter((k) => this.#counts.has(k)).map(
			(k) => `${k} ${this.#counts.get(k)}`
		);
		const outcomes = [...this.#outcomes].map(([label, n]) => `${n} ${label}`).join(', ');
		return `hostile: ${entry} ${this.#total} inputs (${parts.join(', ')})${outcomes ? `: ${outcomes}` : ''}`;
	}
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Short, printable text: what any message shown on the page must be. */
export function plainTextProblem(text: unknown, max: number): string | null {
	if (typeof text !== 'string') return `not a string: ${typeof text}`;
	if (text.length === 0) return 'empty';
	if (text.length > max) return `${text.length} characters (limit ${max})`;
	if (LONE_SURROGATE.test(text)) return 'has a lone surrogate';
	const bad = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u.exec(text);
	if (bad) return `has U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
	return null;
}

/** A fixed sample (the e2e tests draw theirs from the same generators). */
export function sampleOf<T>(arb: fc.Arbitrary<T>, count: number, seed = SEED): T[] {
	return fc.sample(arb, { seed, numRuns: count });
}

// Names a program may use, including ones every JavaScript object already has.
const NAMES = ['x', 'w', 'a', 'b', '__proto__', 'constructor', 'toString', 'valueOf'];
// Values at the edges of float64: overflow in exp (710), in squares (1e200), underflow (1e-320).
const EXTREMES = ['0', '1', '0.5', '2', '-3', '710', '1000', '1e200', '1e308', '1e-320', '5e-324'];

/** A well-formed expression over NAMES and extreme numbers, with an op at its top (so it is
 *  never a bare input): it builds, then meets the engine's edges. */
export const expression: fc.Arbitrary<string> = fc.letrec<{ e: string; op: string }>((tie) => ({
	e: fc.oneof(
		{ depthSize: 'small', withCrossShrink: true },
		fc.constantFrom(...NAMES),
		fc.constantFrom(...EXTREMES),
		tie('op')
	),
	op: fc.oneof(
		fc
			.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/'), tie('e'))
			.map(([a, op, b]) => `(${a} ${op} ${b})`),
		fc
			.tuple(fc.constantFrom('exp', 'log', 'tanh', 'relu', 'sigmoid'), tie('e'))
			.map(([fn, a]) => `${fn}(${a})`),
		fc
			.tuple(tie('e'), fc.constantFrom('2', '3', '0.5', '-1', '-0.5', '1000'))
			.map(([a, k]) => `${a}^${k}`),
		tie('e').map((a) => `-${a}`)
	)
})).op;

/** A program: some inputs given starting values (maybe extreme), then the output. */
export const program: fc.Arbitrary<string> = fc
	.tuple(
		fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...EXTREMES)), { maxLength: 3 }),
		// An output made of numbers only would be an input itself: make it use a name.
		expression.filter((e) => NAMES.some((name) => new RegExp(`\\b${name}\\b`).test(e)))
	)
	.map(([given, output]) => {
		const seen = new Set<string>();
		const lines = given
			.filter(([name]) => !seen.has(name) && seen.add(name))
			.map(([name, x]) => `${name} = ${x}`);
		return [...lines, `L = ${output}`].join('; ');
	});
