import type { Formula } from './ast';

/**
 * Tidy a formula built by filling templates and multiplying along folded paths:
 * fold constant arithmetic (k − 1 with k = 2), drop factors of 1, exponents of 1 and terms of 0,
 * and turn multiplication by −1 into a minus sign. Plugged-in numbers are never simplified:
 * this runs before numbers are substituted.
 */
export function simplify(f: Formula): Formula {
	switch (f.kind) {
		case 'sym':
		case 'num':
		case 'derivative':
			return f;
		case 'call':
		case 'indicator':
			return { ...f, arg: simplify(f.arg) };
		case 'neg': {
			const arg = simplify(f.arg);
			if (arg.kind === 'num') return { kind: 'num', value: -arg.value };
			if (arg.kind === 'neg') return arg.arg;
			return { kind: 'neg', arg };
		}
		case 'pow': {
			const base = simplify(f.base);
			const exponent = simplify(f.exponent);
			if (exponent.kind === 'num' && exponent.value === 1) return base;
			if (exponent.kind === 'num' && exponent.value === 0) return { kind: 'num', value: 1 };
			if (base.kind === 'num' && exponent.kind === 'num')
				return { kind: 'num', value: base.value ** exponent.value };
			return { kind: 'pow', base, exponent };
		}
		case 'binary':
			return simplifyBinary(f.op, simplify(f.left), simplify(f.right));
	}
}

function simplifyBinary(op: '+' | '-' | '*' | '/', left: Formula, right: Formula): Formula {
	const l = left.kind === 'num' ? left.value : undefined;
	const r = right.kind === 'num' ? right.value : undefined;
	if (l !== undefined && r !== undefined) {
		const value = op === '+' ? l + r : op === '-' ? l - r : op === '*' ? l * r : l / r;
		if (op !== '/' || Number.isInteger(value)) return { kind: 'num', value };
	}
	switch (op) {
		case '+':
			if (l === 0) return right;
			if (r === 0) return left;
			break;
		case '-':
			if (r === 0) return left;
			if (l === 0) return simplify({ kind: 'neg', arg: right });
			break;
		case '*':
			if (l === 1) return right;
			if (r === 1) return left;
			if (l === 0 || r === 0) return { kind: 'num', value: 0 };
			if (l === -1) return simplify({ kind: 'neg', arg: right });
			if (r === -1) return simplify({ kind: 'neg', arg: left });
			// Keep constants in front: h·2 reads as 2h.
			if (r !== undefined && l === undefined) return simplifyBinary('*', right, left);
			if (left.kind === 'neg')
				return simplify({ kind: 'neg', arg: { kind: 'binary', op, left: left.arg, right } });
			if (right.kind === 'neg')
				return simplify({ kind: 'neg', arg: { kind: 'binary', op, left, right: right.arg } });
			break;
		case '/':
			if (r === 1) return left;
			break;
	}
	return { kind: 'binary', op, left, right };
}
