import { shownFunction } from '$lib/engine/ops';
import { formatConstant, formatNumber } from '$lib/format';
import { precedence, type Formula } from './ast';

/**
 * Formula -> a flat list of boxes close to MathML (identifiers, operators, numbers, fractions,
 * superscripts). The page renders boxes as MathML; `toText` renders them as plain Unicode for
 * screen readers, tests and copying.
 */
export type Box =
	| { t: 'mi'; text: string; sub?: string; hat?: boolean }
	| { t: 'mo'; text: string }
	| { t: 'mn'; text: string }
	| { t: 'frac'; num: Box[]; den: Box[] }
	| { t: 'sup'; base: Box[]; sup: Box[] };

const GREEK: Record<string, string> = {
	alpha: 'α',
	beta: 'β',
	gamma: 'γ',
	delta: 'δ',
	eta: 'η',
	theta: 'θ',
	lambda: 'λ',
	mu: 'μ',
	sigma: 'σ',
	tau: 'τ',
	phi: 'φ'
};

/** How a node name reads: `w1` is w with subscript 1, `yhat` is y with a hat, `x_in` is x sub in. */
export function symbolBox(name: string): Extract<Box, { t: 'mi' }> {
	let base = name;
	let hat = false;
	if (base.length > 3 && base.endsWith('hat')) {
		hat = true;
		base = base.slice(0, -3).replace(/_$/, '');
	}
	let sub: string | undefined;
	const underscore = base.indexOf('_');
	const digits = /^([A-Za-z]+?)(\d+)$/.exec(base);
	if (underscore > 0) {
		sub = base.slice(underscore + 1);
		base = base.slice(0, underscore);
	} else if (digits) {
		base = digits[1];
		sub = digits[2];
	}
	// Own keys only: a node may be called constructor or toString.
	base = Object.hasOwn(GREEK, base) ? GREEK[base] : base;
	return sub ? { t: 'mi', text: base, sub, hat } : { t: 'mi', text: base, hat };
}

export function toBoxes(f: Formula): Box[] {
	switch (f.kind) {
		case 'sym':
			return [symbolBox(f.name)];
		case 'num': {
			const text =
				f.style === 'plugged' || f.style === 'result'
					? formatNumber(f.value)
					: formatConstant(f.value);
			// Negative numbers and numbers with a sign of their own read best in parentheses.
			return text.startsWith('−') && f.style !== 'result'
				? paren([{ t: 'mn', text }])
				: [{ t: 'mn', text }];
		}
		case 'derivative':
			// Written inline (∂L/∂w₁) as in the chapter: one line high, so several fit on a slide.
			return [
				{ t: 'mo', text: '∂' },
				symbolBox(f.of),
				{ t: 'mo', text: '/' },
				{ t: 'mo', text: '∂' },
				symbolBox(f.wrt)
			];
		case 'neg':
			return [{ t: 'mo', text: '−' }, ...wrap(f.arg, precedence(f.arg) <= 1)];
		case 'pow':
			return [
				{
					t: 'sup',
					base: wrap(f.base, precedence(f.base) < 5 || f.base.kind === 'num'),
					sup: toBoxes(f.exponent)
				}
			];
		case 'call':
			return [{ t: 'mi', text: shownFunction(f.fn) }, ...paren(toBoxes(f.arg))];
		case 'indicator':
			return [
				{ t: 'mo', text: '[' },
				...toBoxes(f.arg),
				{ t: 'mo', text: '>' },
				{ t: 'mn', text: '0' },
				{ t: 'mo', text: ']' }
			];
		case 'binary':
			return binaryBoxes(f.op, f.left, f.right);
	}
}

function binaryBoxes(op: '+' | '-' | '*' | '/', left: Formula, right: Formula): Box[] {
	if (op === '/') return [{ t: 'frac', num: toBoxes(left), den: toBoxes(right) }];
	if (op === '*') {
		const l = wrap(left, precedence(left) < 2 || isPlugged(left));
		const r = wrap(right, precedence(right) <= 2 || right.kind === 'num');
		// Juxtapose where it reads unambiguously (2(ŷ − y), w₁x₁, (0.4)(1.0)); otherwise a dot.
		const juxtapose = isParen(r) || (isSymbolic(left) && isShortSymbol(right));
		return juxtapose ? [...l, ...r] : [...l, { t: 'mo', text: '·' }, ...r];
	}
	const l = wrap(left, false);
	const r = wrap(right, op === '-' ? precedence(right) <= 1 : precedence(right) < 1);
	return [...l, { t: 'mo', text: op === '-' ? '−' : '+' }, ...r];
}

function isPlugged(f: Formula): boolean {
	return f.kind === 'num' && f.style === 'plugged';
}

function isSymbolic(f: Formula): boolean {
	return f.kind === 'sym' || (f.kind === 'num' && f.value >= 0);
}

function isShortSymbol(f: Formula): boolean {
	if (f.kind !== 'sym') return false;
	const box = symbolBox(f.name);
	return box.text.length === 1;
}

function isParen(boxes: Box[]): boolean {
	const first = boxes[0];
	const last = boxes[boxes.length - 1];
	return first?.t === 'mo' && first.text === '(' && last?.t === 'mo' && last.text === ')';
}

function wrap(f: Formula, needed: boolean): Box[] {
	const boxes = toBoxes(f);
	return needed && !isParen(boxes) ? paren(boxes) : boxes;
}

function paren(boxes: Box[]): Box[] {
	return [{ t: 'mo', text: '(' }, ...boxes, { t: 'mo', text: ')' }];
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const SUPERSCRIPT: Record<string, string> = {
	'0': '⁰',
	'1': '¹',
	'2': '²',
	'3': '³',
	'4': '⁴',
	'5': '⁵',
	'6': '⁶',
	'7': '⁷',
	'8': '⁸',
	'9': '⁹',
	'−': '⁻',
	'.': '·'
};

export function toText(boxes: Box[]): string {
	return boxes
		.map((b, i) => {
			switch (b.t) {
				case 'mi': {
					const base = b.hat ? `${b.text}\u0302`.normalize('NFC') : b.text;
					const sub = b.sub
						? /^\d+$/.test(b.sub)
							? [...b.sub].map((d) => SUBSCRIPT_DIGITS[Number(d)]).join('')
							: `_${b.sub}`
						: '';
					return base + sub;
				}
				case 'mn':
					return b.text;
				case 'mo':
					return ['+', '−', '=', '·', '>', '≈'].includes(b.text) &&
						!(b.text === '−' && (i === 0 || isOpen(boxes[i - 1])))
						? ` ${b.text} `
						: b.text;
				case 'frac':
					return `${groupText(b.num)}/${groupText(b.den)}`;
				case 'sup': {
					const sup = toText(b.sup);
					const small = [...sup].every((c) => c in SUPERSCRIPT);
					return (
						toText(b.base) +
						(small ? [...sup].map((c) => SUPERSCRIPT[c]).join('') : `^${groupText(b.sup)}`)
					);
				}
			}
		})
		.join('');
}

function isOpen(b: Box): boolean {
	return (
		b.t === 'mo' &&
		(b.text === '(' || b.text === '[' || b.text === '=' || b.text === '+' || b.text === '·')
	);
}

function groupText(boxes: Box[]): string {
	const text = toText(boxes);
	return boxes.length === 1 || (boxes.length === 2 && boxes[0].t === 'mo' && boxes[0].text === '∂')
		? text
		: `(${text})`;
}

/** An equation chain `a = b = c`, e.g. symbol, then formula, then numbers, then result. */
export function equationBoxes(sides: Formula[]): Box[] {
	return sides.flatMap((side, i) =>
		i === 0 ? toBoxes(side) : [{ t: 'mo', text: '=' } as Box, ...toBoxes(side)]
	);
}

export function formulaText(...sides: Formula[]): string {
	return toText(equationBoxes(sides));
}
