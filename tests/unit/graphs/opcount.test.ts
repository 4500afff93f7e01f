import { describe, expect, it } from 'vitest';
import { OPS, Tape, Value, type OpName } from '$lib/engine';
import type { Formula } from '$lib/formula/ast';
import { parseFormula } from '$lib/formula/parse';
import { backwardCost, COSTS, countOps } from '$lib/graphs/opcount';
import { textbookNetwork } from '$lib/graphs/textbook';

const count = (root: Value) => countOps(Tape.of(root));

describe('countOps', () => {
	it('counts the chapter’s network: 10 forward, 26 backward, 2.6×', () => {
		const c = count(textbookNetwork());
		// Forward: 3 mul + add + sigmoid (4) + sub + pow = 10.
		// Backward: 3 mul × 4 + add 2 + sigmoid 4 + sub 3 + pow 5 = 26.
		expect([c.forward, c.backward, c.ratio]).toEqual([10, 26, 2.6]);
		expect(c.byOp).toEqual([
			{ op: 'mul', nodes: 3, forward: 3, backward: 12 },
			{ op: 'add', nodes: 1, forward: 1, backward: 2 },
			{ op: 'sigmoid', nodes: 1, forward: 4, backward: 4 },
			{ op: 'sub', nodes: 1, forward: 1, backward: 3 },
			{ op: 'pow', nodes: 1, forward: 1, backward: 5 }
		]);
	});

	it('counts each op alone', () => {
		const a = new Value(0.5, 'a');
		const b = new Value(2, 'b');
		const cases: [Value, number, number][] = [
			[a.add(b), 1, 2], // accumulate twice
			[a.sub(b), 1, 3], // accumulate twice, −1 × g once
			[a.mul(b), 1, 4], // (× g, accumulate) twice
			[a.div(b), 1, 8], // 1/b: 1+2; −a/(b·b): 3+2
			[a.pow(3), 1, 5], // k·a^(k−1): 3+2
			[a.neg(), 1, 2],
			[a.exp(), 1, 2],
			[a.log(), 1, 3],
			[a.tanh(), 1, 4],
			[a.relu(), 1, 3],
			[a.sigmoid(), 4, 4]
		];
		for (const [root, forward, backward] of cases) {
			const c = count(root);
			expect([root.op, c.forward, c.backward], root.op).toEqual([root.op, forward, backward]);
		}
	});

	it('counts a + a as two slots and a shared node once', () => {
		const a = new Value(3, 'a');
		expect(count(a.add(a))).toMatchObject({ forward: 1, backward: 2 });
		const s = a.mul(a);
		const c = count(s.add(s.tanh()));
		expect([c.forward, c.backward]).toEqual([3, 4 + 4 + 2]);
	});

	it('counts constants’ gradient slots, as the engine computes them', () => {
		expect(count(new Value(1, 'x').mul(2))).toMatchObject({ forward: 1, backward: 4 });
	});

	it('gives ratio NaN for a graph with no operations', () => {
		expect(count(new Value(1, 'x'))).toEqual({ forward: 0, backward: 0, ratio: NaN, byOp: [] });
	});
});

/** Operations in a template; a template without symbols is a constant and costs nothing. */
function templateCost(f: Formula): { ops: number; symbols: number } {
	switch (f.kind) {
		case 'sym':
			return { ops: 0, symbols: 1 };
		case 'num':
		case 'derivative':
			return { ops: 0, symbols: 0 };
		case 'binary': {
			const [l, r] = [templateCost(f.left), templateCost(f.right)];
			return { ops: l.ops + r.ops + 1, symbols: l.symbols + r.symbols };
		}
		case 'pow': {
			const [l, r] = [templateCost(f.base), templateCost(f.exponent)];
			return { ops: l.ops + r.ops + 1, symbols: l.symbols + r.symbols };
		}
		case 'neg':
		case 'call':
		case 'indicator': {
			const a = templateCost(f.arg);
			return { ops: a.ops + 1, symbols: a.symbols };
		}
	}
}

describe('COSTS', () => {
	it('agree with the engine’s local-derivative templates', () => {
		for (const op of Object.keys(OPS) as OpName[]) {
			const templates = OPS[op].partialFormula;
			expect(COSTS[op].partial.length, op).toBe(OPS[op].arity);
			templates.forEach((text, slot) => {
				const parsed = parseFormula(text);
				if (!parsed.ok) throw new Error(parsed.error.message);
				const { ops, symbols } = templateCost(parsed.value);
				expect(COSTS[op].partial[slot], `${op} slot ${slot}: ${text}`).toBe(
					symbols === 0 ? 0 : ops
				);
				expect(COSTS[op].unit?.[slot] ?? false, `${op} slot ${slot} is 1`).toBe(text === '1');
			});
		}
	});

	it('backward cost per op', () => {
		const ops: OpName[] = [
			'leaf',
			'add',
			'sub',
			'mul',
			'div',
			'pow',
			'neg',
			'exp',
			'log',
			'tanh',
			'relu',
			'sigmoid'
		];
		expect(ops.map(backwardCost)).toEqual([0, 2, 3, 4, 8, 5, 2, 2, 3, 4, 3, 4]);
	});
});
