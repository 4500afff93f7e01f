import {
	Tensor,
	TensorError,
	backward as runBackward,
	broadcastShapes,
	numel,
	tensorTopoOrder,
	type TensorTape
} from '$lib/tensor';
import * as T from '$lib/tensor';
import type { Expr, FStringPart, Statement } from './ast';
import { FormatError, decompose, formatPython } from './format';
import { builtins, callMethod, getAttribute, moduleAttribute, MODULES } from './library';
import { Problem } from './source';
import {
	PyDict,
	PyError,
	PyFunction,
	PyList,
	PyTuple,
	equal,
	isNumber,
	keyOf,
	numeric,
	repr,
	str,
	toFloat,
	truthy,
	typeName,
	type PyValue
} from './values';

/** At most this many tensor elements across all tensors, gradients included. */
export const MAX_ELEMENTS = 2_000_000;
/** At most this many tensor operations (every tensor made counts one). */
export const MAX_OPS = 500;
/** Lists and strings made by `*` stay below this length. */
const MAX_SEQUENCE = MAX_ELEMENTS;
/** Integers stay below this many bits (10**1000 is fine, 10**10**9 is not). */
const MAX_INT_BITS = 100_000;

export interface OutputLine {
	text: string;
	kind: 'print' | 'assert-pass' | 'assert-fail' | 'error';
	/** the program line that wrote it */
	line: number;
}

export interface AssertOutcome {
	line: number;
	/** offset of the assert in the program */
	start: number;
	passed: boolean;
	/** the assert as written */
	source: string;
	/** the assert's own message (`assert x, "message"`), when it failed */
	message?: string;
}

/** One tensor the program made, with where and how. */
export interface MadeTensor {
	tensor: Tensor;
	/** the expression that made it */
	start: number;
	end: number;
	/** the label from the name it was last bound to (`h`, or `h₁` for an earlier assignment) */
	label: string | null;
	/** made from a gradient (`w.grad`, `w.grad[0]`): not part of the forward graph */
	fromGrad: boolean;
}

/** A tensor op's result is the only way tensors come in; this is where the interpreter sees them. */
export interface RunState {
	readonly made: MadeTensor[];
	readonly output: OutputLine[];
	readonly asserts: AssertOutcome[];
	readonly notes: string[];
	root: Tensor | null;
	lastScalar: Tensor | null;
	tape: TensorTape | null;
	/** set when an assert failed: the run stopped there */
	failedAssert: AssertOutcome | null;
}

/** What a statement's name binding knows statically: `h₁` for the first of two `h = ...`. */
export type Labels = Map<Statement, Map<string, string>>;

/** Thrown by an assert that fails: ends the run, but the graph so far is kept. */
class AssertionStop {}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

export function subscript(n: number): string {
	return String(n)
		.split('')
		.map((d) => SUBSCRIPT_DIGITS[Number(d)])
		.join('');
}

/**
 * Runs parsed statements. `overrides` replaces the values of leaf tensors by creation index (the
 * k-th tensor the program makes), for re-running a program with a slider's value.
 */
export class Interpreter implements RunState {
	readonly made: MadeTensor[] = [];
	readonly output: OutputLine[] = [];
	readonly asserts: AssertOutcome[] = [];
	readonly notes: string[] = [];
	root: Tensor | null = null;
	lastScalar: Tensor | null = null;
	tape: TensorTape | null = null;
	failedAssert: AssertOutcome | null = null;

	readonly names = new Map<string, PyValue>();
	private readonly seen = new Set<Tensor>();
	private readonly gradTensors = new Map<Tensor, Tensor>();
	/** tensors whose retain_grad() came after backward(): their grad stays None, as in PyTorch */
	readonly retainedLate = new Set<Tensor>();
	private elements = 0;
	private ops = 0;
	private pending = '';
	private line = 1;
	private madeFromGrad = false;
	private builtinTable: Record<string, PyFunction> | null = null;

	constructor(
		private readonly source: string,
		private readonly lineOf: (offset: number) => number,
		private readonly labels: Labels,
		private readonly overrides: ReadonlyMap<number, Float64Array> = new Map()
	) {}

	/** Runs to the end or to a failing assert; throws Problem for anything else that goes wrong. */
	run(statements: Statement[]): void {
		try {
			for (const s of statements) this.statement(s);
		} catch (e) {
			if (!(e instanceof AssertionStop)) throw e;
		} finally {
			this.flush();
		}
	}

	// --- output ---

	write(text: string): void {
		const lines = (this.pending + text).split('\n');
		this.pending = lines.pop()!;
		for (const l of lines) this.output.push({ text: l, kind: 'print', line: this.line });
	}

	private flush(): void {
		if (this.pending) this.output.push({ text: this.pending, kind: 'print', line: this.line });
		this.pending = '';
	}

	note(text: string): void {
		if (!this.notes.includes(text)) this.notes.push(text);
	}

	// --- tensors ---

	/** Counts elements about to be allocated; refuses before allocating past the limit. */
	reserve(count: number, at: number): void {
		if (!(this.elements + count <= MAX_ELEMENTS)) {
			const limit = MAX_ELEMENTS.toLocaleString('en-US');
			throw new Problem(
				this.elements === 0
					? `this makes ${describeCount(count)} tensor elements; the limit here is ${limit} across all tensors`
					: `this makes ${describeCount(count)} more tensor elements, ${describeCount(this.elements + count)} in all; the limit here is ${limit} across all tensors`,
				at
			);
		}
	}

	/**
	 * Takes in a value a tensor op returned: every tensor it made (including intermediate nodes
	 * an op builds, such as matmul's unsqueeze), in creation order, with the expression's text.
	 */
	adopt<V extends PyValue>(value: V, node: { start: number; end: number }): V {
		if (!(value instanceof Tensor) || this.seen.has(value)) return value;
		const fresh: Tensor[] = [];
		const stack: Tensor[] = [value];
		while (stack.length > 0) {
			const t = stack.pop()!;
			if (this.seen.has(t) || t.isConstant) continue;
			this.seen.add(t);
			fresh.push(t);
			stack.push(...t.inputs);
		}
		fresh.sort((a, b) => a.id - b.id);
		for (const t of fresh) {
			const index = this.made.length;
			const override = this.overrides.get(index);
			if (override && t.op === 'leaf') {
				if (override.length !== t.size) {
					throw new Problem(
						`the new value has ${override.length} numbers but this tensor holds ${t.size}`,
						node.start
					);
				}
				t.data.set(override);
			}
			this.elements += t.size;
			this.reserve(0, node.start);
			if (++this.ops > MAX_OPS) {
				throw new Problem(
					`the program makes more than ${MAX_OPS} tensors; that is the limit here`,
					node.start
				);
			}
			this.made.push({
				tensor: t,
				start: node.start,
				end: node.end,
				label: null,
				fromGrad: this.madeFromGrad || t.inputs.some((x) => this.isFromGrad(x))
			});
		}
		return value;
	}

	private isFromGrad(t: Tensor): boolean {
		const m = this.made.find((x) => x.tensor === t);
		return m ? m.fromGrad : false;
	}

	/** `t.backward()` */
	backward(t: Tensor, at: number): void {
		if (this.tape) {
			throw new Problem(
				'backward() is called a second time; this page shows one backward pass (PyTorch would also need retain_graph=True)',
				at
			);
		}
		let grads = 0;
		for (const x of tensorTopoOrder(t)) if (x.requiresGrad) grads += x.size;
		this.reserve(grads, at);
		this.tape = runBackward(t);
		this.elements += grads;
		this.root = t;
	}

	/** `t.grad`: a tensor for a leaf (or a retain_grad() tensor) after backward, else None. */
	grad(t: Tensor, node: { start: number; end: number }): PyValue {
		if (!this.tape || !t.retainsGrad || !t.grad || this.retainedLate.has(t)) return null;
		let g = this.gradTensors.get(t);
		if (!g) {
			this.reserve(t.size, node.start);
			g = T.fromArray(t.grad, t.shape, { dtype: t.dtype });
			this.gradTensors.set(t, g);
			this.madeFromGrad = true;
			try {
				this.adopt(g, node);
			} finally {
				this.madeFromGrad = false;
			}
		}
		return g;
	}

	get backwardCalled(): boolean {
		return this.tape !== null;
	}

	// --- statements ---

	private statement(s: Statement): void {
		this.line = this.lineOf(s.start);
		switch (s.kind) {
			case 'import':
				for (const m of s.modules) {
					const module = MODULES[m.path];
					if (m.alias) this.names.set(m.alias, module);
					else this.names.set(m.path.split('.')[0], MODULES[m.path.split('.')[0]]);
				}
				return;
			case 'from':
				for (const n of s.names) {
					this.names.set(
						n.alias ?? n.name,
						moduleAttribute(this, MODULES[s.module], n.name, n.start)
					);
				}
				return;
			case 'assign': {
				const value = this.evaluate(s.value);
				const labels = this.labels.get(s);
				for (const target of s.targets) {
					this.names.set(target.id, value);
					if (value instanceof Tensor) {
						const m = this.made.find((x) => x.tensor === value);
						if (m) m.label = labels?.get(target.id) ?? target.id;
						if (value.ndim === 0 && !m?.fromGrad) this.lastScalar = value;
					}
				}
				return;
			}
			case 'expression':
				this.evaluate(s.expr);
				return;
			case 'assert':
				return this.assert(s);
		}
	}

	private assert(s: Extract<Statement, { kind: 'assert' }>): void {
		const passed = this.truth(this.evaluate(s.test), s.test.start);
		const line = this.lineOf(s.start);
		const outcome: AssertOutcome = {
			line,
			start: s.start,
			passed,
			source: this.source.slice(s.start, s.end)
		};
		this.flush();
		if (passed) {
			this.asserts.push(outcome);
			this.output.push({ text: `✓ line ${line}: assert passed`, kind: 'assert-pass', line });
			return;
		}
		if (s.message) outcome.message = str(this.evaluate(s.message));
		this.asserts.push(outcome);
		this.failedAssert = outcome;
		const text = `✗ line ${line}: AssertionError${outcome.message ? `: ${outcome.message}` : ''}`;
		this.output.push({ text, kind: 'assert-fail', line });
		throw new AssertionStop();
	}

	private truth(v: PyValue, at: number): boolean {
		return this.guard(() => truthy(v), at);
	}

	/** Runs a piece of work, turning the errors Python or PyTorch would raise into a Problem here. */
	guard<R>(work: () => R, at: number): R {
		try {
			return work();
		} catch (e) {
			if (e instanceof TensorError || e instanceof PyError || e instanceof FormatError) {
				throw new Problem(e.message, at);
			}
			throw e;
		}
	}

	// --- expressions ---

	evaluate(e: Expr): PyValue {
		switch (e.kind) {
			case 'int':
				return e.value;
			case 'float':
				return e.value;
			case 'string':
				return e.value;
			case 'constant':
				return e.value;
			case 'fstring':
				return this.fstring(e.parts);
			case 'name':
				return this.lookup(e.id, e.start);
			case 'list':
				return new PyList(e.items.map((x) => this.evaluate(x)));
			case 'tuple':
				return new PyTuple(e.items.map((x) => this.evaluate(x)));
			case 'dict': {
				const d = new PyDict();
				for (const [k, v] of e.entries) {
					const key = this.evaluate(k);
					const value = this.evaluate(v);
					d.entries.set(
						this.guard(() => keyOf(key), k.start),
						[key, value]
					);
				}
				return d;
			}
			case 'unary':
				return this.unary(e.op, this.evaluate(e.operand), e);
			case 'binary': {
				const a = this.evaluate(e.left);
				const b = this.evaluate(e.right);
				return this.adopt(this.binary(e.op, a, b, e.opStart), e);
			}
			case 'logic': {
				let v = this.evaluate(e.values[0]);
				for (let i = 1; i < e.values.length; i++) {
					const t = this.truth(v, e.values[i - 1].start);
					if (e.op === 'and' ? !t : t) return v;
					v = this.evaluate(e.values[i]);
				}
				return v;
			}
			case 'compare': {
				// a < b < c is (a < b) and (b < c), b evaluated once; a tensor result decides by its truth.
				let left = this.evaluate(e.first);
				let result: PyValue = true;
				for (let i = 0; i < e.ops.length; i++) {
					const right = this.evaluate(e.rest[i]);
					result = this.compare(e.ops[i], left, right, e.opStarts[i], e);
					if (i < e.ops.length - 1 && !this.truth(result, e.opStarts[i])) return result;
					left = right;
				}
				return result;
			}
			case 'attribute': {
				const object = this.evaluate(e.object);
				return this.adopt(getAttribute(this, object, e), e);
			}
			case 'subscript':
				return this.subscript(e);
			case 'call':
				return this.call(e);
		}
	}

	private lookup(id: string, at: number): PyValue {
		const v = this.names.get(id);
		if (v !== undefined) return v;
		this.builtinTable ??= builtins(this);
		if (Object.hasOwn(this.builtinTable, id)) return this.builtinTable[id];
		// The checks before running report names that are never assigned; this is a safety net.
		throw new Problem(`name '${id}' is not defined`, at);
	}

	private fstring(parts: FStringPart[]): string {
		let out = '';
		for (const p of parts) {
			if (typeof p === 'string') {
				out += p;
				continue;
			}
			const value = this.evaluate(p.expr);
			const spec = this.fstring(p.spec);
			if (p.echo) out += p.echo;
			const conversion = p.conversion ?? (p.echo && spec === '' ? 'r' : null);
			if (conversion === 'r' || conversion === 'a') out += this.format(repr(value), spec, p.start);
			else if (conversion === 's') out += this.format(str(value), spec, p.start);
			else out += this.format(value, spec, p.start);
		}
		return out;
	}

	/** `format(value, spec)`, including a 0-d tensor (formatted as its item, as PyTorch does). */
	format(value: PyValue, spec: string, at: number): string {
		let v = value;
		if (v instanceof Tensor && v.ndim === 0) v = itemOf(v);
		if (isNumber(v) || typeof v === 'string') {
			const x = v;
			return this.guard(() => formatPython(x, spec), at);
		}
		if (spec === '') return str(v);
		const name = v instanceof Tensor ? 'Tensor' : typeName(v);
		throw new Problem(`unsupported format string passed to ${name}.__format__`, at);
	}

	private unary(op: '-' | '+' | 'not', v: PyValue, e: { start: number; end: number }): PyValue {
		if (op === 'not') return !this.truth(v, e.start);
		if (v instanceof Tensor) {
			if (op === '+') return v;
			return this.adopt(
				this.guard(
					// The engine's neg gives floats; PyTorch keeps an integer tensor integer, so -i
					// on one is i * -1 here (it requires no grad, so no node is drawn for it).
					() => (v.dtype === 'int64' ? T.mul(v, constantOf(-1n)) : T.neg(v)),
					e.start
				),
				e
			);
		}
		if (!isNumber(v)) {
			throw new Problem(`bad operand type for unary ${op}: '${typeName(v)}'`, e.start);
		}
		const x = numeric(v);
		if (op === '+') return x;
		return typeof x === 'bigint' ? -x : -x;
	}

	binary(op: string, a: PyValue, b: PyValue, at: number): PyValue {
		if (a instanceof Tensor || b instanceof Tensor) return this.tensorBinary(op, a, b, at);
		if (isNumber(a) && isNumber(b)) return this.guard(() => numberBinary(op, a, b), at);
		// Sequences: concatenation and repetition.
		if (op === '+') {
			if (typeof a === 'string' && typeof b === 'string') return a + b;
			if (a instanceof PyList && b instanceof PyList) return new PyList([...a.items, ...b.items]);
			if (a instanceof PyTuple && b instanceof PyTuple && !a.isSize && !b.isSize) {
				return new PyTuple([...a.items, ...b.items]);
			}
		}
		if (op === '*') {
			const [seq, n] = isNumber(a) ? [b, a] : [a, b];
			if (isNumber(n) && typeof numeric(n) === 'bigint') {
				const times = Number(numeric(n));
				if (typeof seq === 'string' || seq instanceof PyList) {
					const length =
						(typeof seq === 'string' ? seq.length : seq.items.length) * Math.max(0, times);
					if (length > MAX_SEQUENCE) {
						throw new Problem(
							`this would make a ${typeName(seq)} of ${describeCount(length)} items; the limit here is ${MAX_SEQUENCE.toLocaleString('en-US')}`,
							at
						);
					}
					if (typeof seq === 'string') return seq.repeat(Math.max(0, times));
					const items: PyValue[] = [];
					for (let i = 0; i < times; i++) items.push(...seq.items);
					return new PyList(items);
				}
			}
		}
		if (op === '%' && typeof a === 'string') {
			throw new Problem('%-formatting of strings is not supported here; use an f-string', at);
		}
		throw new Problem(
			`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
			at
		);
	}

	private tensorBinary(op: string, a: PyValue, b: PyValue, at: number): Tensor {
		const operand = (v: PyValue): Tensor | number => {
			if (v instanceof Tensor) return v;
			if (isNumber(v)) return toFloat(v);
			throw new Problem(
				`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
				at
			);
		};
		const x = operand(a);
		const y = operand(b);
		const lifted = (v: Tensor | number, original: PyValue) =>
			typeof v === 'number' ? constantOf(original as number | bigint | boolean) : v;
		return this.guard(() => {
			if (op === '@') {
				if (!(x instanceof Tensor) || !(y instanceof Tensor)) {
					throw new PyError(
						`unsupported operand type(s) for @: '${typeName(a)}' and '${typeName(b)}'`
					);
				}
				const rows = x.ndim === 2 ? x.shape[0] : 1;
				const cols = y.ndim === 2 ? y.shape[1] : 1;
				this.reserve(rows * cols, at);
				return T.matmul(x, y);
			}
			const shapeOf = (v: Tensor | number) => (typeof v === 'number' ? [] : v.shape);
			this.reserve(numel(broadcastShapes(shapeOf(x), shapeOf(y))), at);
			switch (op) {
				case '+':
					return T.add(lifted(x, a), lifted(y, b));
				case '-':
					return T.sub(lifted(x, a), lifted(y, b));
				case '*':
					return T.mul(lifted(x, a), lifted(y, b));
				case '/':
					// A number over a tensor is reciprocal then mul in PyTorch: the engine knows.
					return typeof x === 'number' ? T.div(x, y) : T.div(x, lifted(y, b));
				case '**':
					return typeof y === 'number' ? T.pow(lifted(x, a), y) : T.pow(x, y);
				case '%':
					return T.remainder(lifted(x, a), lifted(y, b));
				case '//':
					return T.floorDivide(lifted(x, a), lifted(y, b));
			}
			throw new PyError(`the operator ${op} is not supported for tensors here`);
		}, at);
	}

	private compare(
		op: string,
		a: PyValue,
		b: PyValue,
		at: number,
		node: { start: number; end: number }
	): PyValue {
		switch (op) {
			case 'is':
				return a === b;
			case 'is not':
				return a !== b;
			case 'in':
			case 'not in': {
				const found = this.contains(b, a, at);
				return op === 'in' ? found : !found;
			}
		}
		if (a instanceof Tensor || b instanceof Tensor) {
			const numberOrTensor = (v: PyValue) => v instanceof Tensor || isNumber(v);
			if (!numberOrTensor(a) || !numberOrTensor(b)) {
				if (op === '==' || op === '!=') return op === '!=';
				throw new Problem(
					`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
					at
				);
			}
			return this.adopt(this.tensorCompare(op, a, b, at), node);
		}
		if (op === '==') return equal(a, b);
		if (op === '!=') return !equal(a, b);
		return compareOrder(op, this.order(a, b, op, at));
	}

	/** Element by element, with broadcasting, into a bool tensor outside the graph (as PyTorch). */
	private tensorCompare(op: string, a: PyValue, b: PyValue, at: number): Tensor {
		const asTensor = (v: PyValue) =>
			v instanceof Tensor ? v : constantOf(v as number | bigint | boolean);
		const x = asTensor(a);
		const y = asTensor(b);
		const shape = this.guard(() => broadcastShapes(x.shape, y.shape), at);
		const n = numel(shape);
		this.reserve(n, at);
		const data = new Float64Array(n);
		const readX = broadcastReader(x.shape, shape);
		const readY = broadcastReader(y.shape, shape);
		for (let k = 0; k < n; k++) {
			const p = x.data[readX(k)];
			const q = y.data[readY(k)];
			const holds =
				op === '=='
					? p === q
					: op === '!='
						? p !== q
						: compareOrder(op, p < q ? -1 : p > q ? 1 : p === q ? 0 : NaN);
			data[k] = holds ? 1 : 0;
		}
		return T.fromArray(data, shape, { dtype: 'bool' });
	}

	/** -1, 0 or 1; NaN compares false both ways, as Python. */
	private order(a: PyValue, b: PyValue, op: string, at: number): number {
		if (isNumber(a) && isNumber(b)) {
			const x = numeric(a);
			const y = numeric(b);
			if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
			const fx = Number(x);
			const fy = Number(y);
			if (Number.isNaN(fx) || Number.isNaN(fy)) return NaN;
			return fx < fy ? -1 : fx > fy ? 1 : 0;
		}
		if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
		throw new Problem(
			`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
			at
		);
	}

	private contains(container: PyValue, item: PyValue, at: number): boolean {
		if (typeof container === 'string') {
			if (typeof item !== 'string') {
				throw new Problem(
					`'in <string>' requires string as left operand, not ${typeName(item)}`,
					at
				);
			}
			return container.includes(item);
		}
		if (container instanceof PyList || container instanceof PyTuple) {
			return container.items.some((x) => equal(x, item));
		}
		if (container instanceof PyDict)
			return container.entries.has(this.guard(() => keyOf(item), at));
		throw new Problem(`argument of type '${typeName(container)}' is not iterable`, at);
	}

	private subscript(e: Extract<Expr, { kind: 'subscript' }>): PyValue {
		const object = this.evaluate(e.object);
		const index = this.evaluate(e.index);
		const at = e.index.start;
		if (object instanceof Tensor) {
			const indices = index instanceof PyTuple ? index.items : [index];
			let t = object;
			for (const i of indices) {
				const k = this.tensorIndex(i, at);
				t = this.guard(() => T.select(t, 0, k), at);
				// Each select is its own node; name each by the text up to it.
				this.adopt(t, e);
			}
			return t;
		}
		if (object instanceof PyDict) {
			const entry = object.entries.get(this.guard(() => keyOf(index), at));
			if (!entry) throw new Problem(`KeyError: ${repr(index)}`, at);
			return entry[1];
		}
		if (object instanceof PyList || object instanceof PyTuple || typeof object === 'string') {
			const items = typeof object === 'string' ? Array.from(object) : object.items;
			if (!isNumber(index) || typeof numeric(index) !== 'bigint') {
				throw new Problem(
					`${typeName(object)} indices must be integers, not ${typeName(index)}`,
					at
				);
			}
			let k = Number(numeric(index));
			if (k < 0) k += items.length;
			if (k < 0 || k >= items.length) {
				const what =
					object instanceof PyTuple ? 'tuple' : typeof object === 'string' ? 'string' : 'list';
				throw new Problem(`${what} index out of range`, at);
			}
			return items[k];
		}
		throw new Problem(`'${typeName(object)}' object is not subscriptable`, at);
	}

	private tensorIndex(i: PyValue, at: number): number {
		if (isNumber(i) && typeof numeric(i) === 'bigint') return Number(numeric(i));
		if (i instanceof Tensor && i.ndim === 0 && i.dtype === 'int64') return i.data[0];
		throw new Problem(
			`tensor indices must be integers here (got ${typeName(i)}); slices and masks are not supported`,
			at
		);
	}

	private call(e: Extract<Expr, { kind: 'call' }>): PyValue {
		const args = e.args.map((a) => this.evaluate(a));
		const keywords = new Map<string, PyValue>();
		for (const k of e.keywords) keywords.set(k.name, this.evaluate(k.value));
		if (e.callee.kind === 'attribute') {
			// A method call: the receiver, then the method, so `x.sum()` is named as written.
			const object = this.evaluate(e.callee.object);
			const result = callMethod(this, object, e.callee, { args, keywords }, e);
			return this.adopt(result, e);
		}
		const callee = this.evaluate(e.callee);
		if (!(callee instanceof PyFunction)) {
			throw new Problem(`'${typeName(callee)}' object is not callable`, e.start);
		}
		const result = this.guard(() => callee.call({ args, keywords }, e.start), e.start);
		return this.adopt(result, e);
	}

	/** The source text of a node (for messages). */
	text(node: { start: number; end: number }): string {
		return this.source.slice(node.start, node.end);
	}
}

function compareOrder(op: string, order: number): boolean {
	switch (op) {
		case '<':
			return order < 0;
		case '>':
			return order > 0;
		case '<=':
			return order <= 0;
		default:
			return order >= 0;
	}
}

/** For element k of `out`, the flat index of the element of a tensor of `shape` it reads. */
export function broadcastReader(
	shape: readonly number[],
	out: readonly number[]
): (k: number) => number {
	const offset = out.length - shape.length;
	const strides: number[] = [];
	let stride = 1;
	for (let d = shape.length - 1; d >= 0; d--) {
		strides[d] = shape[d] === 1 ? 0 : stride;
		stride *= shape[d];
	}
	return (k) => {
		let at = 0;
		let rest = k;
		for (let d = out.length - 1; d >= 0 && rest > 0; d--) {
			const i = rest % out[d];
			rest = Math.floor(rest / out[d]);
			if (d >= offset) at += i * strides[d - offset];
		}
		return at;
	};
}

function itemOf(t: Tensor): number | bigint | boolean {
	const x = t.data[0];
	if (t.dtype === 'int64') return BigInt(x);
	if (t.dtype === 'bool') return x !== 0;
	return x;
}

export { itemOf };

/** A Python number as the 0-d constant PyTorch makes of it: int64, float64 or bool. */
export function constantOf(v: number | bigint | boolean): Tensor {
	const dtype = typeof v === 'number' ? 'float64' : typeof v === 'bigint' ? 'int64' : 'bool';
	return new Tensor({ shape: [], dtype, data: Float64Array.of(toFloat(v)), isConstant: true });
}

function describeCount(n: number): string {
	return Number.isFinite(n) && n < 1e15
		? Math.round(n).toLocaleString('en-US')
		: n.toExponential(2);
}

/** Python arithmetic on ints, floats and bools. */
export function numberBinary(
	op: string,
	a: number | bigint | boolean,
	b: number | bigint | boolean
): PyValue {
	const x = numeric(a);
	const y = numeric(b);
	if (typeof x === 'bigint' && typeof y === 'bigint') return intBinary(op, x, y);
	const fx = Number(x);
	const fy = Number(y);
	switch (op) {
		case '+':
			return fx + fy;
		case '-':
			return fx - fy;
		case '*':
			return fx * fy;
		case '/':
			if (fy === 0) throw new PyError('float division by zero');
			return fx / fy;
		case '//':
			if (fy === 0) throw new PyError('float floor division by zero');
			return floatDivmod(fx, fy)[0];
		case '%':
			if (fy === 0) throw new PyError('float modulo');
			return floatDivmod(fx, fy)[1];
		case '**': {
			if (fx === 0 && fy < 0) throw new PyError('0.0 cannot be raised to a negative power');
			if (fx < 0 && !Number.isInteger(fy)) {
				throw new PyError(
					'a negative number to a fractional power is a complex number, which is not supported here'
				);
			}
			const r = powerOf(fx, fy);
			if (!Number.isFinite(r) && Number.isFinite(fx) && Number.isFinite(fy)) {
				throw new PyError("(34, 'Numerical result out of range')");
			}
			return r;
		}
	}
	throw new PyError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** Exponents up to this size are raised exactly, then rounded once (as C's pow nearly always is). */
const EXACT_POWER = 1100;

/** x ** y for floats. JavaScript's ** can be an ulp off C's pow for whole exponents: 7.0 ** -6. */
function powerOf(x: number, y: number): number {
	if (!Number.isInteger(y) || Math.abs(y) > EXACT_POWER || x === 0 || !Number.isFinite(x)) {
		return x ** y;
	}
	if (y === 0) return 1;
	const { mantissa, exponent } = decompose(Math.abs(x));
	const n = BigInt(Math.abs(y));
	const power = mantissa ** n;
	// |x| ** y = num / den * 2^shift, exactly.
	const [num, den] = y > 0 ? [power, 1n] : [1n, power];
	const magnitude = nearestDouble(num, den, exponent * y);
	return x < 0 && Math.abs(y) % 2 === 1 ? -magnitude : magnitude;
}

/** The double nearest to num / den * 2^shift (ties to even), subnormals and overflow included. */
function nearestDouble(num: bigint, den: bigint, shift: number): number {
	const bits = (v: bigint) => v.toString(2).length;
	const k = 60 - (bits(num) - bits(den));
	let q = k >= 0 ? (num << BigInt(k)) / den : num / (den << BigInt(-k));
	const sticky = k >= 0 ? (num << BigInt(k)) % den !== 0n : num % (den << BigInt(-k)) !== 0n;
	let scale = shift - k;
	const top = bits(q) - 1 + scale; // the result's binary exponent
	if (top > 1023) return Infinity;
	const keep = top >= -1022 ? 53 : 53 - (-1022 - top);
	if (keep <= 0 && top < -1075) return 0;
	const drop = bits(q) - Math.max(keep, 0);
	if (drop > 0) {
		const low = q & ((1n << BigInt(drop)) - 1n);
		const half = 1n << BigInt(drop - 1);
		q >>= BigInt(drop);
		if (low > half || (low === half && (sticky || (q & 1n) === 1n))) q += 1n;
		scale += drop;
	}
	// Two steps, so 2^scale itself never overflows or underflows on the way.
	const a = Math.trunc(scale / 2);
	return Number(q) * 2 ** a * 2 ** (scale - a);
}

/** CPython's float divmod (floatobject.c), signs of zero included: 1 // 0.1 is 9.0, not 10. */
function floatDivmod(x: number, y: number): [number, number] {
	let mod = x % y;
	let div = (x - mod) / y;
	if (mod) {
		if (y < 0 !== mod < 0) {
			mod += y;
			div -= 1;
		}
	} else {
		mod = y < 0 ? -0 : 0;
	}
	let floor: number;
	if (div) {
		floor = Math.floor(div);
		if (div - floor > 0.5) floor += 1;
	} else {
		floor = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
	}
	return [floor, mod];
}

function intBinary(op: string, x: bigint, y: bigint): PyValue {
	switch (op) {
		case '+':
			return x + y;
		case '-':
			return x - y;
		case '*':
			return x * y;
		case '/':
			if (y === 0n) throw new PyError('division by zero');
			return Number(x) / Number(y);
		case '//': {
			if (y === 0n) throw new PyError('integer division or modulo by zero');
			const q = x / y;
			return x % y !== 0n && x < 0n !== y < 0n ? q - 1n : q;
		}
		case '%': {
			if (y === 0n) throw new PyError('integer modulo by zero');
			const r = x % y;
			return r !== 0n && r < 0n !== y < 0n ? r + y : r;
		}
		case '**': {
			if (y < 0n) {
				if (x === 0n) throw new PyError('0.0 cannot be raised to a negative power');
				return Number(x) ** Number(y);
			}
			const bits =
				x === 0n || x === 1n || x === -1n ? 1 : Number(y) * Math.log2(Math.abs(Number(x)) || 2);
			if (bits > MAX_INT_BITS) {
				throw new PyError(
					`the result of this ** would have about ${Math.round(bits).toLocaleString('en-US')} bits; numbers that large are not supported here`
				);
			}
			return x ** y;
		}
	}
	throw new PyError(`unsupported operand type(s) for ${op}: 'int' and 'int'`);
}
