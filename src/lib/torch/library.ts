import {
	Tensor,
	TensorError,
	broadcastShapes,
	numel,
	type DType,
	type NestedNumbers
} from '$lib/tensor';
import * as T from '$lib/tensor';
import type { Expr } from './ast';
import { formatPython } from './format';
import type { Interpreter } from './interpret';
import { broadcastReader, itemOf } from './interpret';
import { Problem, shown } from './source';
import {
	PyDict,
	PyDtype,
	PyError,
	PyFunction,
	PyGradFn,
	PyList,
	PyModule,
	PyTuple,
	isNumber,
	numeric,
	repr,
	str,
	toFloat,
	truthy,
	typeName,
	type CallArgs,
	type PyValue
} from './values';

/**
 * What the subset knows by name: the modules torch, torch.nn.functional (F) and math, Python's
 * built-in functions it supports, and tensors' attributes and methods. Everything else is
 * refused with a message saying so (and a close name when there is one).
 */

export const MODULES: Record<string, PyModule> = {
	torch: new PyModule('torch'),
	'torch.nn': new PyModule('torch.nn'),
	'torch.nn.functional': new PyModule('torch.nn.functional'),
	math: new PyModule('math')
};

/** Each import the subset allows, and what to say about a few others. */
export const IMPORT_HINTS: Record<string, string> = {
	numpy: 'NumPy is not available here; use torch tensors',
	'torch.optim':
		'optimizers (torch.optim) are not supported here: this page shows one forward and backward pass',
	random: 'random numbers are not supported here: write the numbers out'
};

type Impl = (a: Bound, at: number) => PyValue;

/** Arguments matched to parameter names, with the conversions every builder needs. */
class Bound {
	constructor(
		readonly fname: string,
		private readonly values: Map<string, PyValue>
	) {}

	has(name: string): boolean {
		return this.values.has(name);
	}

	get(name: string): PyValue | undefined {
		return this.values.get(name);
	}

	tensor(name: string): Tensor {
		const v = this.values.get(name);
		if (v instanceof Tensor) return v;
		throw new PyError(
			`${this.fname}(): argument '${name}' must be Tensor, not ${typeName(v ?? null)}`
		);
	}

	number(name: string, fallback?: number): number {
		const v = this.values.get(name);
		if (v === undefined && fallback !== undefined) return fallback;
		if (v !== undefined && isNumber(v)) return toFloat(v);
		if (v instanceof Tensor && v.size === 1) return toFloat(itemOf(v));
		throw new PyError(
			`${this.fname}(): argument '${name}' must be a number, not ${typeName(v ?? null)}`
		);
	}

	int(name: string, fallback?: number): number {
		const v = this.values.get(name);
		if (v === undefined && fallback !== undefined) return fallback;
		if (v !== undefined && isNumber(v) && typeof numeric(v) === 'bigint') return Number(numeric(v));
		throw new PyError(
			`${this.fname}(): argument '${name}' must be int, not ${typeName(v ?? null)}`
		);
	}

	optionalInt(name: string): number | undefined {
		const v = this.values.get(name);
		if (v === undefined || v === null) return undefined;
		if (v instanceof PyTuple || v instanceof PyList) {
			throw new PyError(
				`${this.fname}(): several dims at once (${name}=${repr(v)}) are not supported here`
			);
		}
		return this.int(name);
	}

	bool(name: string, fallback: boolean): boolean {
		const v = this.values.get(name);
		if (v === undefined) return fallback;
		if (typeof v !== 'boolean') {
			throw new PyError(`${this.fname}(): argument '${name}' must be bool, not ${typeName(v)}`);
		}
		return v;
	}

	dtype(name = 'dtype'): DType | undefined {
		const v = this.values.get(name);
		if (v === undefined || v === null) return undefined;
		if (v instanceof PyDtype) return v.dtype;
		throw new PyError(
			`${this.fname}(): argument '${name}' must be torch.dtype, not ${typeName(v)}`
		);
	}
}

/** A function with Python's argument rules: positional names, how many are required, keyword-only names. */
function fn(
	name: string,
	params: string[],
	required: number,
	impl: Impl,
	keywordOnly: string[] = []
): PyFunction {
	return new PyFunction(name, (call, at) =>
		impl(bind(name, params, required, keywordOnly, call), at)
	);
}

function bind(
	name: string,
	params: string[],
	required: number,
	keywordOnly: string[],
	call: CallArgs
): Bound {
	const variadic = params[0]?.startsWith('*');
	const values = new Map<string, PyValue>();
	if (variadic) {
		values.set(params[0].slice(1), new PyTuple(call.args));
	} else {
		if (call.args.length > params.length) {
			throw new PyError(
				`${name}() takes ${params.length === required ? '' : 'at most '}${params.length} argument${params.length === 1 ? '' : 's'} (${call.args.length} given)`
			);
		}
		call.args.forEach((v, i) => values.set(params[i], v));
	}
	for (const [k, v] of call.keywords) {
		if (!params.includes(k) && !keywordOnly.includes(k)) {
			throw new PyError(
				`${name}() got a keyword argument '${shown(k)}' that is not supported here`
			);
		}
		if (values.has(k))
			throw new PyError(`${name}() got multiple values for argument '${shown(k)}'`);
		values.set(k, v);
	}
	for (let i = variadic ? 1 : 0; i < required; i++) {
		if (!values.has(params[i]))
			throw new PyError(`${name}() missing required argument '${params[i]}'`);
	}
	return new Bound(name, values);
}

// --- builders ---

/** A shape given as separate ints or as one list, tuple or torch.Size. */
function shapeOf(fname: string, v: PyValue): number[] {
	let items = v instanceof PyTuple ? v.items : [v];
	if (items.length === 1 && (items[0] instanceof PyTuple || items[0] instanceof PyList)) {
		items = (items[0] as PyTuple | PyList).items;
	}
	return items.map((d) => {
		if (isNumber(d) && typeof numeric(d) === 'bigint') return Number(numeric(d));
		throw new PyError(`${fname}(): the size must be whole numbers, not ${typeName(d)}`);
	});
}

function sizeOf(shape: number[]): number {
	return shape.reduce((n, d) => n * Math.max(d, 0), 1);
}

function created(
	ctx: Interpreter,
	at: number,
	count: number,
	make: () => Tensor,
	dtype?: DType
): Tensor {
	ctx.reserve(count, at);
	if (dtype === 'float32') {
		ctx.note(
			'float32 is named here, but every tensor is computed in float64: digits past the 7th can differ from PyTorch'
		);
	}
	return make();
}

/** Python data for torch.tensor: nested lists of numbers, with the dtype PyTorch would infer. */
function nestedOf(
	fname: string,
	v: PyValue
): { nested: NestedNumbers; dtype: DType; count: number } {
	let sawFloat = false;
	let sawInt = false;
	let count = 0;
	const walk = (x: PyValue): NestedNumbers => {
		if (x instanceof PyList || x instanceof PyTuple) return x.items.map(walk);
		if (x instanceof Tensor) {
			if (x.size !== 1)
				throw new PyError('only one element tensors can be converted to Python scalars');
			x = itemOf(x);
		}
		if (typeof x === 'boolean') {
			count++;
			return x;
		}
		if (typeof x === 'bigint') {
			sawInt = true;
			count++;
			return Number(x);
		}
		if (typeof x === 'number') {
			sawFloat = true;
			count++;
			return x;
		}
		throw new PyError(`${fname}(): could not make a tensor of a ${typeName(x)}`);
	};
	const nested = walk(v);
	const dtype: DType = sawFloat ? 'float64' : sawInt ? 'int64' : count > 0 ? 'bool' : 'float64';
	return { nested, dtype, count };
}

function creationOptions(a: Bound, inferred: DType): { dtype: DType; requiresGrad: boolean } {
	return { dtype: a.dtype() ?? inferred, requiresGrad: a.bool('requires_grad', false) };
}

const CREATE_KEYWORDS = ['dtype', 'requires_grad'];

function unaryTensorFunctions(prefix: string, names: Record<string, (t: Tensor) => Tensor>) {
	const out: Record<string, PyFunction> = {};
	for (const [name, op] of Object.entries(names)) {
		out[name] = fn(`${prefix}${name}`, ['input'], 1, (a) => op(a.tensor('input')));
	}
	return out;
}

const UNARY: Record<string, (t: Tensor) => Tensor> = {
	exp: T.exp,
	log: T.log,
	tanh: T.tanh,
	sigmoid: T.sigmoid,
	relu: T.relu,
	sin: T.sin,
	cos: T.cos,
	abs: T.abs,
	sqrt: T.sqrt,
	neg: T.neg
};

function reduction(name: string, op: typeof T.sum): Impl {
	return (a) => {
		const dim = a.optionalInt('dim');
		return op(a.tensor('input'), dim, a.bool('keepdim', false));
	};
}

function needDim(a: Bound): number {
	const dim = a.optionalInt('dim');
	if (dim === undefined) {
		throw new PyError(`${a.fname}() needs dim= here (PyTorch would guess one and warn)`);
	}
	return dim;
}

function meanOnly(a: Bound): void {
	const r = a.get('reduction');
	if (r !== undefined && r !== 'mean') {
		throw new PyError(`${a.fname}(): reduction=${repr(r)} is not supported here; only the mean`);
	}
}

function allclose(a: Tensor, b: Tensor, rtol: number, atol: number, equalNan: boolean): boolean {
	const shape = broadcastShapes(a.shape, b.shape);
	const n = numel(shape);
	const readA = broadcastReader(a.shape, shape);
	const readB = broadcastReader(b.shape, shape);
	for (let k = 0; k < n; k++) {
		const x = a.data[readA(k)];
		const y = b.data[readB(k)];
		if (Number.isNaN(x) || Number.isNaN(y)) {
			if (equalNan && Number.isNaN(x) && Number.isNaN(y)) continue;
			return false;
		}
		if (x === y) continue;
		if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) return false;
	}
	return true;
}

function torchFunctions(ctx: Interpreter): Record<string, PyValue> {
	const binary = (op: string) => (a: Bound, at: number) =>
		ctx.binary(op, a.get('input')!, a.get('other')!, at);
	return {
		...unaryTensorFunctions('torch.', UNARY),
		tensor: fn(
			'torch.tensor',
			['data'],
			1,
			(a, at) => {
				const data = a.get('data')!;
				if (data instanceof Tensor) {
					const opts = creationOptions(a, data.dtype);
					return created(
						ctx,
						at,
						data.size,
						() => T.fromArray(data.data, data.shape, opts),
						opts.dtype
					);
				}
				const { nested, dtype, count } = nestedOf('torch.tensor', data);
				const opts = creationOptions(a, dtype);
				return created(ctx, at, count, () => T.tensor(nested, opts), opts.dtype);
			},
			CREATE_KEYWORDS
		),
		zeros: fn(
			'torch.zeros',
			['*size'],
			0,
			(a, at) => {
				const shape = shapeOf('torch.zeros', a.get('size')!);
				const opts = creationOptions(a, 'float64');
				return created(ctx, at, sizeOf(shape), () => T.zeros(shape, opts), opts.dtype);
			},
			CREATE_KEYWORDS
		),
		ones: fn(
			'torch.ones',
			['*size'],
			0,
			(a, at) => {
				const shape = shapeOf('torch.ones', a.get('size')!);
				const opts = creationOptions(a, 'float64');
				return created(ctx, at, sizeOf(shape), () => T.ones(shape, opts), opts.dtype);
			},
			CREATE_KEYWORDS
		),
		full: fn(
			'torch.full',
			['size', 'fill_value'],
			2,
			(a, at) => {
				const shape = shapeOf('torch.full', a.get('size')!);
				const fill = a.get('fill_value')!;
				const inferred: DType =
					typeof fill === 'boolean' ? 'bool' : typeof fill === 'bigint' ? 'int64' : 'float64';
				const opts = creationOptions(a, inferred);
				return created(
					ctx,
					at,
					sizeOf(shape),
					() => T.full(shape, a.number('fill_value'), opts),
					opts.dtype
				);
			},
			CREATE_KEYWORDS
		),
		arange: fn(
			'torch.arange',
			['start', 'end', 'step'],
			1,
			(a, at) => {
				const values = ['start', 'end', 'step'].filter((k) => a.has(k)).map((k) => a.get(k)!);
				const ints = values.every((v) => typeof v === 'bigint' || typeof v === 'boolean');
				const start = a.number('start');
				const end = a.has('end') ? a.number('end') : undefined;
				const step = a.number('step', 1);
				const [from, to] = end === undefined ? [0, start] : [start, end];
				const count = step === 0 ? 0 : Math.ceil((to - from) / step);
				const opts = creationOptions(a, ints ? 'int64' : 'float64');
				return created(
					ctx,
					at,
					Math.max(count, 0),
					() => T.arange(from, to, step, opts),
					opts.dtype
				);
			},
			CREATE_KEYWORDS
		),
		linspace: fn(
			'torch.linspace',
			['start', 'end', 'steps'],
			3,
			(a, at) => {
				const steps = a.int('steps');
				const opts = creationOptions(a, 'float64');
				return created(
					ctx,
					at,
					Math.max(steps, 0),
					() => T.linspace(a.number('start'), a.number('end'), steps, opts),
					opts.dtype
				);
			},
			CREATE_KEYWORDS
		),
		eye: fn(
			'torch.eye',
			['n', 'm'],
			1,
			(a, at) => {
				const n = a.int('n');
				const m = a.int('m', n);
				const opts = creationOptions(a, 'float64');
				return created(
					ctx,
					at,
					Math.max(n, 0) * Math.max(m, 0),
					() => T.eye(n, m, opts),
					opts.dtype
				);
			},
			CREATE_KEYWORDS
		),
		sum: fn('torch.sum', ['input', 'dim', 'keepdim'], 1, reduction('sum', T.sum)),
		mean: fn('torch.mean', ['input', 'dim', 'keepdim'], 1, reduction('mean', T.mean)),
		softmax: fn('torch.softmax', ['input', 'dim'], 1, (a) =>
			T.softmax(a.tensor('input'), needDim(a))
		),
		log_softmax: fn('torch.log_softmax', ['input', 'dim'], 1, (a) =>
			T.logSoftmax(a.tensor('input'), needDim(a))
		),
		matmul: fn('torch.matmul', ['input', 'other'], 2, (a, at) =>
			ctx.binary('@', a.tensor('input'), a.tensor('other'), at)
		),
		mm: fn('torch.mm', ['input', 'mat2'], 2, (a) => T.mm(a.tensor('input'), a.tensor('mat2'))),
		add: fn('torch.add', ['input', 'other'], 2, binary('+')),
		sub: fn('torch.sub', ['input', 'other'], 2, binary('-')),
		mul: fn('torch.mul', ['input', 'other'], 2, binary('*')),
		div: fn('torch.div', ['input', 'other'], 2, binary('/')),
		pow: fn('torch.pow', ['input', 'exponent'], 2, (a, at) =>
			ctx.binary('**', a.get('input')!, a.get('exponent')!, at)
		),
		t: fn('torch.t', ['input'], 1, (a) => T.t(a.tensor('input'))),
		reshape: fn('torch.reshape', ['input', 'shape'], 2, (a) =>
			T.reshape(a.tensor('input'), shapeOf('torch.reshape', a.get('shape')!))
		),
		allclose: fn('torch.allclose', ['input', 'other', 'rtol', 'atol', 'equal_nan'], 2, (a) =>
			allclose(
				a.tensor('input'),
				a.tensor('other'),
				a.number('rtol', 1e-5),
				a.number('atol', 1e-8),
				a.bool('equal_nan', false)
			)
		),
		is_tensor: fn('torch.is_tensor', ['obj'], 1, (a) => a.get('obj') instanceof Tensor),
		set_default_dtype: fn('torch.set_default_dtype', ['d'], 1, (a) => {
			const d = a.dtype('d');
			if (d !== 'float32' && d !== 'float64') {
				throw new PyError('only floating-point types are supported as the default type');
			}
			if (d === 'float32') {
				ctx.note(
					'set_default_dtype(torch.float32) is noted, but every tensor is computed in float64 here'
				);
			}
			return null;
		}),
		get_default_dtype: fn('torch.get_default_dtype', [], 0, () => new PyDtype('float64')),
		float32: new PyDtype('float32'),
		float: new PyDtype('float32'),
		float64: new PyDtype('float64'),
		double: new PyDtype('float64'),
		int64: new PyDtype('int64'),
		long: new PyDtype('int64'),
		bool: new PyDtype('bool'),
		nn: MODULES['torch.nn'],
		pi: Math.PI,
		e: Math.E
	};
}

function functionalFunctions(): Record<string, PyValue> {
	return {
		...unaryTensorFunctions('F.', { relu: T.relu, sigmoid: T.sigmoid, tanh: T.tanh }),
		softmax: fn('F.softmax', ['input', 'dim'], 1, (a) => T.softmax(a.tensor('input'), needDim(a))),
		log_softmax: fn('F.log_softmax', ['input', 'dim'], 1, (a) =>
			T.logSoftmax(a.tensor('input'), needDim(a))
		),
		mse_loss: fn(
			'F.mse_loss',
			['input', 'target'],
			2,
			(a) => {
				meanOnly(a);
				return T.mseLoss(a.tensor('input'), a.tensor('target'));
			},
			['reduction']
		),
		cross_entropy: fn(
			'F.cross_entropy',
			['input', 'target'],
			2,
			(a) => {
				meanOnly(a);
				return T.crossEntropy(a.tensor('input'), a.tensor('target'));
			},
			['reduction']
		),
		nll_loss: fn(
			'F.nll_loss',
			['input', 'target'],
			2,
			(a) => {
				meanOnly(a);
				return T.nllLoss(a.tensor('input'), a.tensor('target'));
			},
			['reduction']
		)
	};
}

function mathFunction(name: string, f: (x: number) => number, params = ['x']): PyFunction {
	return fn(`math.${name}`, params, params.length, (a) => {
		const x = a.number('x');
		const y = f(x);
		if (Number.isNaN(y) && !Number.isNaN(x)) throw new PyError('math domain error');
		if (!Number.isFinite(y) && Number.isFinite(x)) {
			if (name === 'exp') throw new PyError('math range error');
			throw new PyError('math domain error');
		}
		return y;
	});
}

function mathFunctions(): Record<string, PyValue> {
	const intResult = (name: string, f: (x: number) => number) =>
		fn(`math.${name}`, ['x'], 1, (a) => {
			const x = a.number('x');
			if (!Number.isFinite(x))
				throw new PyError(
					Number.isNaN(x)
						? 'cannot convert float NaN to integer'
						: 'cannot convert float infinity to integer'
				);
			return BigInt(f(x));
		});
	return {
		exp: mathFunction('exp', Math.exp),
		log: fn('math.log', ['x', 'base'], 1, (a) => {
			const x = a.number('x');
			if (!(x > 0)) throw new PyError('math domain error');
			if (!a.has('base')) return Math.log(x);
			const base = a.number('base');
			if (!(base > 0) || base === 1)
				throw new PyError(base === 1 ? 'float division by zero' : 'math domain error');
			return Math.log(x) / Math.log(base);
		}),
		log2: mathFunction('log2', (x) => (x > 0 ? Math.log2(x) : NaN)),
		log10: mathFunction('log10', (x) => (x > 0 ? Math.log10(x) : NaN)),
		sqrt: mathFunction('sqrt', (x) => (x >= 0 ? Math.sqrt(x) : NaN)),
		sin: mathFunction('sin', Math.sin),
		cos: mathFunction('cos', Math.cos),
		tanh: mathFunction('tanh', Math.tanh),
		fabs: mathFunction('fabs', Math.abs),
		floor: intResult('floor', Math.floor),
		ceil: intResult('ceil', Math.ceil),
		isfinite: fn('math.isfinite', ['x'], 1, (a) => Number.isFinite(a.number('x'))),
		isnan: fn('math.isnan', ['x'], 1, (a) => Number.isNaN(a.number('x'))),
		pow: fn('math.pow', ['x', 'y'], 2, (a) => {
			const r = a.number('x') ** a.number('y');
			if (Number.isNaN(r)) throw new PyError('math domain error');
			return r;
		}),
		isclose: fn(
			'math.isclose',
			['a', 'b'],
			2,
			(a) => {
				const x = a.number('a');
				const y = a.number('b');
				const rel = a.number('rel_tol', 1e-9);
				const abs = a.number('abs_tol', 0);
				if (rel < 0 || abs < 0) throw new PyError('tolerances must be non-negative');
				if (x === y) return true;
				if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
				const diff = Math.abs(x - y);
				return diff <= Math.abs(rel * y) || diff <= Math.abs(rel * x) || diff <= abs;
			},
			['rel_tol', 'abs_tol']
		),
		pi: Math.PI,
		e: Math.E,
		inf: Infinity,
		nan: NaN
	};
}

// --- Python's built-in functions ---

function pythonRound(x: number): bigint {
	if (!Number.isFinite(x)) {
		throw new PyError(
			Number.isNaN(x)
				? 'cannot convert float NaN to integer'
				: 'cannot convert float infinity to integer'
		);
	}
	const r = Math.round(x);
	// Halfway cases go to the even neighbour, as Python's round does.
	const even = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
	return BigInt(even);
}

function toInt(v: PyValue): bigint {
	if (typeof v === 'bigint') return v;
	if (typeof v === 'boolean') return v ? 1n : 0n;
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) {
			throw new PyError(
				Number.isNaN(v)
					? 'cannot convert float NaN to integer'
					: 'cannot convert float infinity to integer'
			);
		}
		return BigInt(Math.trunc(v));
	}
	if (typeof v === 'string') {
		const text = v.trim().replace(/_/g, '');
		if (!/^[+-]?\d+$/.test(text))
			throw new PyError(`invalid literal for int() with base 10: ${repr(v)}`);
		return BigInt(text);
	}
	if (v instanceof Tensor) {
		if (v.size !== 1)
			throw new PyError('only one element tensors can be converted to Python scalars');
		return toInt(itemOf(v));
	}
	throw new PyError(`int() argument must be a string or a real number, not '${typeName(v)}'`);
}

function toPyFloat(v: PyValue): number {
	if (isNumber(v)) return toFloat(v);
	if (typeof v === 'string') {
		const text = v.trim().toLowerCase().replace(/_/g, '');
		const special: Record<string, number> = {
			inf: Infinity,
			'+inf': Infinity,
			'-inf': -Infinity,
			infinity: Infinity,
			'-infinity': -Infinity,
			nan: NaN,
			'+nan': NaN,
			'-nan': NaN
		};
		if (text in special) return special[text];
		if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text)) {
			throw new PyError(`could not convert string to float: ${repr(v)}`);
		}
		return Number(text);
	}
	if (v instanceof Tensor) {
		if (v.size !== 1)
			throw new PyError('only one element tensors can be converted to Python scalars');
		return toFloat(itemOf(v));
	}
	throw new PyError(`float() argument must be a string or a real number, not '${typeName(v)}'`);
}

function itemsOf(v: PyValue, fname: string): PyValue[] {
	if (v instanceof PyList || v instanceof PyTuple) return v.items;
	if (typeof v === 'string') return Array.from(v);
	if (v instanceof PyDict) return [...v.entries.values()].map(([k]) => k);
	throw new PyError(`${fname}(): '${typeName(v)}' object is not iterable here`);
}

function builtinFunctions(ctx: Interpreter): Record<string, PyFunction> {
	const extreme = (name: 'min' | 'max') =>
		fn(name, ['*args'], 0, (a, at) => {
			const args = (a.get('args') as PyTuple).items;
			const items = args.length === 1 ? itemsOf(args[0], name) : args;
			if (items.length === 0) throw new PyError(`${name}() arg is an empty sequence`);
			let best = items[0];
			for (const x of items.slice(1)) {
				const better = ctx.binary('-', x, best, at);
				if (!isNumber(better))
					throw new PyError(`${name}() of ${typeName(x)} values is not supported here`);
				if (name === 'min' ? toFloat(better) < 0 : toFloat(better) > 0) best = x;
			}
			return best;
		});
	return {
		print: fn(
			'print',
			['*args'],
			0,
			(a) => {
				const sep = a.get('sep') ?? ' ';
				const end = a.get('end') ?? '\n';
				if (typeof sep !== 'string' && sep !== null)
					throw new PyError(`sep must be None or a string, not ${typeName(sep)}`);
				if (typeof end !== 'string' && end !== null)
					throw new PyError(`end must be None or a string, not ${typeName(end)}`);
				const items = (a.get('args') as PyTuple).items.map(str);
				ctx.write(items.join(sep ?? ' ') + (end ?? '\n'));
				return null;
			},
			['sep', 'end', 'flush']
		),
		abs: fn('abs', ['x'], 1, (a) => {
			const x = a.get('x')!;
			if (x instanceof Tensor) return T.abs(x);
			if (!isNumber(x)) throw new PyError(`bad operand type for abs(): '${typeName(x)}'`);
			const n = numeric(x);
			return typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n);
		}),
		round: fn('round', ['number', 'ndigits'], 1, (a) => {
			const x = a.get('number')!;
			const digits = a.get('ndigits') ?? null;
			if (x instanceof Tensor)
				throw new PyError('round() of a tensor is not supported here; use round(t.item(), n)');
			if (!isNumber(x)) throw new PyError(`type ${typeName(x)} doesn't define __round__ method`);
			const n = numeric(x);
			if (digits === null) return typeof n === 'bigint' ? n : pythonRound(n);
			const d = a.int('ndigits');
			if (typeof n === 'bigint') {
				if (d >= 0) return n;
				const unit = 10n ** BigInt(-d);
				return BigInt(pythonRound(Number(n) / Number(unit))) * unit;
			}
			if (!Number.isFinite(n)) return n;
			if (d >= 0) return Number(formatPython(n, `.${Math.min(d, 400)}f`));
			const unit = 10 ** -d;
			return Number(pythonRound(n / unit)) * unit;
		}),
		len: fn('len', ['obj'], 1, (a) => {
			const v = a.get('obj')!;
			if (v instanceof Tensor) {
				if (v.ndim === 0) throw new PyError('len() of a 0-d tensor');
				return BigInt(v.shape[0]);
			}
			if (typeof v === 'string') return BigInt(Array.from(v).length);
			if (v instanceof PyList || v instanceof PyTuple) return BigInt(v.items.length);
			if (v instanceof PyDict) return BigInt(v.entries.size);
			throw new PyError(`object of type '${typeName(v)}' has no len()`);
		}),
		float: fn('float', ['x'], 0, (a) => (a.has('x') ? toPyFloat(a.get('x')!) : 0)),
		int: fn('int', ['x'], 0, (a) => (a.has('x') ? toInt(a.get('x')!) : 0n)),
		bool: fn('bool', ['x'], 0, (a) => (a.has('x') ? truthy(a.get('x')!) : false)),
		str: fn('str', ['object'], 0, (a) => (a.has('object') ? str(a.get('object')!) : '')),
		repr: fn('repr', ['object'], 1, (a) => repr(a.get('object')!)),
		format: fn('format', ['value', 'format_spec'], 1, (a, at) => {
			const spec = a.get('format_spec') ?? '';
			if (typeof spec !== 'string')
				throw new PyError(`format() argument 2 must be str, not ${typeName(spec)}`);
			return ctx.format(a.get('value')!, spec, at);
		}),
		list: fn(
			'list',
			['iterable'],
			0,
			(a) => new PyList(a.has('iterable') ? [...itemsOf(a.get('iterable')!, 'list')] : [])
		),
		sum: fn('sum', ['iterable', 'start'], 1, (a, at) => {
			let total: PyValue = a.get('start') ?? 0n;
			for (const x of itemsOf(a.get('iterable')!, 'sum'))
				total = ctx.adopt(ctx.binary('+', total, x, at), { start: at, end: at });
			return total;
		}),
		min: extreme('min'),
		max: extreme('max')
	};
}

/** Python's built-ins the subset does not have, with what to say. */
export const UNSUPPORTED_BUILTINS: Record<string, string> = {
	range: 'range() is not supported here: there are no loops',
	enumerate: 'enumerate() is not supported here: there are no loops',
	zip: 'zip() is not supported here: there are no loops',
	map: 'map() is not supported here: there are no loops',
	filter: 'filter() is not supported here: there are no loops',
	sorted: 'sorted() is not supported here',
	reversed: 'reversed() is not supported here',
	input: 'input() is not supported here: the program cannot ask for input',
	open: 'open() is not supported here: the program cannot read or write files',
	eval: 'eval() is not supported here',
	exec: 'exec() is not supported here',
	compile: 'compile() is not supported here',
	__import__: '__import__() is not supported here',
	globals: 'globals() is not supported here',
	locals: 'locals() is not supported here',
	getattr: 'getattr() is not supported here',
	setattr: 'setattr() is not supported here',
	type: 'type() is not supported here',
	isinstance: 'isinstance() is not supported here',
	dict: 'dict() is not supported here; write a dictionary literal {...}',
	set: 'sets are not supported here',
	tuple: 'tuple() is not supported here; write a tuple literal (...)',
	iter: 'iter() is not supported here: there are no loops',
	next: 'next() is not supported here: there are no loops',
	pow: 'pow() is not supported here; use **',
	divmod: 'divmod() is not supported here; use // and %',
	hasattr: 'hasattr() is not supported here',
	id: 'id() is not supported here',
	hex: 'hex() is not supported here; use an f-string such as f"{n:x}"',
	chr: 'chr() is not supported here',
	ord: 'ord() is not supported here',
	any: 'any() is not supported here',
	all: 'all() is not supported here',
	exit: 'exit() is not supported here',
	quit: 'quit() is not supported here'
};

export const BUILTIN_NAMES = [
	'print',
	'abs',
	'round',
	'len',
	'float',
	'int',
	'bool',
	'str',
	'repr',
	'format',
	'list',
	'sum',
	'min',
	'max'
];

/** The built-in functions, made once per run (print writes to that run). */
export function builtins(ctx: Interpreter): Record<string, PyFunction> {
	return builtinFunctions(ctx);
}

// --- attributes ---

const moduleTables = new WeakMap<Interpreter, Map<string, Record<string, PyValue>>>();

function tableOf(ctx: Interpreter, module: string): Record<string, PyValue> {
	let tables = moduleTables.get(ctx);
	if (!tables) {
		tables = new Map([
			['torch', torchFunctions(ctx)],
			['torch.nn', { functional: MODULES['torch.nn.functional'] }],
			['torch.nn.functional', functionalFunctions()],
			['math', mathFunctions()]
		]);
		moduleTables.set(ctx, tables);
	}
	return tables.get(module)!;
}

/** The shown name of a module in messages: F for torch.nn.functional. */
function shownModule(name: string): string {
	return name === 'torch.nn.functional' ? 'F' : name;
}

const TORCH_HINTS: [RegExp, string][] = [
	[
		/^(randn|rand|randint|randn_like|rand_like|normal|manual_seed|randperm|bernoulli|multinomial)$/,
		'random numbers (torch.%s) are not supported here: write the numbers out with torch.tensor([...])'
	],
	[
		/^no_grad$|^enable_grad$|^inference_mode$/,
		'torch.%s() is not supported here (it is used with a with block, and with blocks are not supported)'
	],
	[
		/^optim$/,
		'optimizers (torch.optim) are not supported here: this page shows one forward and backward pass'
	],
	[
		/^(cuda|device|backends|mps)$/,
		'devices (torch.%s) are not supported here: everything runs on the CPU in float64'
	],
	[
		/^(int32|int|int16|int8|uint8|float16|half|bfloat16|complex64|complex128|cfloat|cdouble)$/,
		'the dtype torch.%s is not supported here; use torch.float32, torch.float64 or torch.long'
	],
	[/^autograd$/, 'torch.autograd is not supported here; call .backward() on the loss']
];

const NN_HINT =
	'torch.nn.%s is not supported here: write the layer out with tensors, such as x @ W + b with W and b created with requires_grad=True, and the functions of torch.nn.functional';

export function moduleAttribute(
	ctx: Interpreter,
	module: PyModule,
	name: string,
	at: number
): PyValue {
	const table = tableOf(ctx, module.name);
	if (Object.hasOwn(table, name)) return table[name];
	if (module.name === 'torch') {
		for (const [pattern, message] of TORCH_HINTS) {
			if (pattern.test(name)) throw new Problem(message.replace('%s', name), at);
		}
	}
	if (module.name === 'torch.nn') throw new Problem(NN_HINT.replace('%s', name), at);
	throw new Problem(
		`${shownModule(module.name)}.${shown(name)} is not supported here${suggest(name, Object.keys(table))}`,
		at
	);
}

const TENSOR_ATTRIBUTES = [
	'grad',
	'shape',
	'dtype',
	'requires_grad',
	'is_leaf',
	'grad_fn',
	'T',
	'ndim'
];

const TENSOR_METHODS = [
	'item',
	'tolist',
	'backward',
	'retain_grad',
	'requires_grad_',
	'reshape',
	'view',
	't',
	'sum',
	'mean',
	'softmax',
	'log_softmax',
	'exp',
	'log',
	'tanh',
	'sigmoid',
	'relu',
	'sin',
	'cos',
	'abs',
	'sqrt',
	'neg',
	'pow',
	'size',
	'dim',
	'numel',
	'detach',
	'matmul',
	'add',
	'sub',
	'mul',
	'div',
	'unsqueeze',
	'squeeze'
];

function tensorHint(name: string): string | null {
	if (/^(cuda|cpu|to|device|is_cuda)$/.test(name)) {
		return `.${name} is not supported here: everything runs on the CPU in float64`;
	}
	if (/^(float|double|long|int|half|bool|type)$/.test(name)) {
		return `changing a tensor's dtype with .${name}() is not supported here; give dtype= when you create it`;
	}
	if (name === 'numpy') return '.numpy() is not supported here (there is no NumPy); use .tolist()';
	if (name === 'data') return '.data is not supported here; use .detach()';
	if (name.endsWith('_') && !name.startsWith('_')) {
		return `in-place operations such as .${name}() are not supported here: a tensor is never changed once made`;
	}
	return null;
}

function tolist(t: Tensor): PyValue {
	const cell = (x: number): PyValue =>
		t.dtype === 'int64' ? BigInt(x) : t.dtype === 'bool' ? x !== 0 : x;
	if (t.ndim === 0) return cell(t.data[0]);
	let at = 0;
	const build = (d: number): PyList => {
		const items: PyValue[] = [];
		for (let i = 0; i < t.shape[d]; i++)
			items.push(d === t.ndim - 1 ? cell(t.data[at++]) : build(d + 1));
		return new PyList(items);
	};
	return build(0);
}

function sizeTuple(t: Tensor): PyTuple {
	return new PyTuple(
		t.shape.map((d) => BigInt(d)),
		true
	);
}

/** `t.name` for a tensor: an attribute's value, or the method bound to t. */
function tensorAttribute(
	ctx: Interpreter,
	t: Tensor,
	name: string,
	node: Extract<Expr, { kind: 'attribute' }>
): PyValue {
	switch (name) {
		case 'grad':
			return ctx.grad(t, node);
		case 'shape':
			return sizeTuple(t);
		case 'dtype':
			return new PyDtype(t.dtype);
		case 'requires_grad':
			return t.requiresGrad;
		case 'is_leaf':
			return t.isLeaf || !t.requiresGrad;
		case 'grad_fn':
			return t.requiresGrad && !t.isLeaf ? new PyGradFn(t.gradFn!) : null;
		case 'T':
			return ctx.guard(() => T.T(t), node.attrStart);
		case 'ndim':
			return BigInt(t.ndim);
	}
	if (TENSOR_METHODS.includes(name)) return tensorMethod(ctx, t, name, node);
	const hint = tensorHint(name);
	if (hint) throw new Problem(hint, node.attrStart);
	throw new Problem(
		`tensors have no attribute '${shown(name)}' here${suggest(name, [...TENSOR_ATTRIBUTES, ...TENSOR_METHODS])}`,
		node.attrStart
	);
}

function tensorMethod(
	ctx: Interpreter,
	t: Tensor,
	name: string,
	node: Extract<Expr, { kind: 'attribute' }>
): PyFunction {
	const m = (params: string[], required: number, impl: Impl, keywordOnly: string[] = []) =>
		fn(`${name}`, params, required, impl, keywordOnly);
	const other = (op: string) => m(['other'], 1, (a, at) => ctx.binary(op, t, a.get('other')!, at));
	const shaped = (op: (x: Tensor, shape: number[]) => Tensor) =>
		m(['*shape'], 1, (a) => op(t, shapeOf(name, a.get('shape')!)));
	if (name in UNARY) return m([], 0, () => UNARY[name](t));
	switch (name) {
		case 'item':
			return m([], 0, () => {
				if (t.size !== 1)
					throw new PyError('only one element tensors can be converted to Python scalars');
				return itemOf(t);
			});
		case 'tolist':
			return m([], 0, () => tolist(t));
		case 'backward':
			return m(['gradient'], 0, (a, at) => {
				if (a.has('gradient') && a.get('gradient') !== null) {
					throw new PyError(
						'backward(gradient=...) is not supported here; call it on a 0-d tensor such as the loss'
					);
				}
				ctx.backward(t, at);
				return null;
			});
		case 'retain_grad':
			return m([], 0, () => {
				t.retainGrad();
				if (ctx.backwardCalled) ctx.retainedLate.add(t);
				return null;
			});
		case 'requires_grad_':
			return m(['requires_grad'], 0, (a) => t.requiresGrad_(a.bool('requires_grad', true)));
		case 'reshape':
			return shaped(T.reshape);
		case 'view':
			return shaped(T.view);
		case 't':
			return m([], 0, () => T.t(t));
		case 'sum':
			return m(['dim', 'keepdim'], 0, (a) =>
				T.sum(t, a.optionalInt('dim'), a.bool('keepdim', false))
			);
		case 'mean':
			return m(['dim', 'keepdim'], 0, (a) =>
				T.mean(t, a.optionalInt('dim'), a.bool('keepdim', false))
			);
		case 'softmax':
			return m(['dim'], 0, (a) => T.softmax(t, needDim(a)));
		case 'log_softmax':
			return m(['dim'], 0, (a) => T.logSoftmax(t, needDim(a)));
		case 'pow':
			return m(['exponent'], 1, (a, at) => ctx.binary('**', t, a.get('exponent')!, at));
		case 'size':
			return m(['dim'], 0, (a) => {
				const dim = a.optionalInt('dim');
				if (dim === undefined) return sizeTuple(t);
				const n = Math.max(t.ndim, 1);
				if (dim < -n || dim >= n) {
					throw new TensorError(
						`Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`
					);
				}
				return BigInt(t.shape[dim < 0 ? dim + t.ndim : dim]);
			});
		case 'dim':
			return m([], 0, () => BigInt(t.ndim));
		case 'numel':
			return m([], 0, () => BigInt(t.size));
		case 'detach':
			return m([], 0, (_a, at) => {
				ctx.reserve(t.size, at);
				return T.fromArray(t.data, t.shape, { dtype: t.dtype });
			});
		case 'matmul':
			return other('@');
		case 'add':
			return other('+');
		case 'sub':
			return other('-');
		case 'mul':
			return other('*');
		case 'div':
			return other('/');
		case 'unsqueeze':
			return m(['dim'], 1, (a) => T.unsqueeze(t, a.int('dim')));
		case 'squeeze':
			return m(['dim'], 0, (a) => T.squeeze(t, a.optionalInt('dim')));
	}
	throw new Problem(`tensors have no method '${name}' here`, node.attrStart);
}

/** `object.name` */
export function getAttribute(
	ctx: Interpreter,
	object: PyValue,
	node: Extract<Expr, { kind: 'attribute' }>
): PyValue {
	const name = node.attr;
	if (object instanceof PyModule) return moduleAttribute(ctx, object, name, node.attrStart);
	if (object instanceof Tensor) return tensorAttribute(ctx, object, name, node);
	if (object === null) {
		throw new Problem(
			`'NoneType' object has no attribute '${shown(name)}'${noneHint(ctx, node)}`,
			node.attrStart
		);
	}
	if (typeof object === 'string' && name === 'format') {
		return new PyFunction('str.format', (call, at) => formatMethod(ctx, object, call, at));
	}
	if (object instanceof PyDict && name === 'get') {
		return fn('dict.get', ['key', 'default'], 1, (a) => {
			const entry = [...object.entries.values()].find(
				([k]) => k === a.get('key') || repr(k) === repr(a.get('key')!)
			);
			return entry ? entry[1] : (a.get('default') ?? null);
		});
	}
	if (object instanceof PyTuple && object.isSize && name === 'numel') {
		return fn('torch.Size.numel', [], 0, () =>
			object.items.reduce<bigint>((n, d) => n * (d as bigint), 1n)
		);
	}
	if (object instanceof PyDtype && name === 'is_floating_point') {
		return object.dtype === 'float32' || object.dtype === 'float64';
	}
	throw new Problem(`${typeName(object)}.${shown(name)} is not supported here`, node.attrStart);
}

/** Why a value is None, when it came from `.grad`: the usual surprise for a learner. */
function noneHint(ctx: Interpreter, node: Extract<Expr, { kind: 'attribute' }>): string {
	const inner = node.object;
	if (inner.kind !== 'attribute' || inner.attr !== 'grad') return '';
	const owner = shown(ctx.text(inner.object));
	if (!ctx.backwardCalled) return ` (${owner}.grad is None: backward() has not been called yet)`;
	return ` (${owner}.grad is None: PyTorch keeps .grad only for leaf tensors created with requires_grad=True; call ${owner}.retain_grad() before backward() to keep it)`;
}

/** `obj.method(...)` */
export function callMethod(
	ctx: Interpreter,
	object: PyValue,
	callee: Extract<Expr, { kind: 'attribute' }>,
	call: CallArgs,
	node: { start: number; end: number }
): PyValue {
	const method = getAttribute(ctx, object, callee);
	if (!(method instanceof PyFunction)) {
		throw new Problem(`'${typeName(method)}' object is not callable`, callee.attrStart);
	}
	return ctx.guard(() => method.call(call, node.start), callee.attrStart);
}

/** `"{:.4f} {}".format(a, b)`: positional, numbered and named fields with format specs. */
function formatMethod(ctx: Interpreter, template: string, call: CallArgs, at: number): string {
	let out = '';
	let auto = 0;
	for (let i = 0; i < template.length; i++) {
		const ch = template[i];
		if ((ch === '{' || ch === '}') && template[i + 1] === ch) {
			out += ch;
			i++;
			continue;
		}
		if (ch === '}') throw new PyError("Single '}' encountered in format string");
		if (ch !== '{') {
			out += ch;
			continue;
		}
		const close = template.indexOf('}', i);
		if (close < 0) throw new PyError("Single '{' encountered in format string");
		const field = template.slice(i + 1, close);
		const m = /^([A-Za-z_]\w*|\d+)?(?:!([rsa]))?(?::(.*))?$/s.exec(field);
		if (!m) throw new PyError(`the format field {${field}} is not supported here`);
		let value: PyValue | undefined;
		if (m[1] === undefined) value = call.args[auto++];
		else if (/^\d+$/.test(m[1])) value = call.args[Number(m[1])];
		else value = call.keywords.get(m[1]);
		if (value === undefined) {
			throw new PyError(
				m[1] && !/^\d+$/.test(m[1])
					? `KeyError: '${m[1]}'`
					: 'Replacement index out of range for positional args tuple'
			);
		}
		const converted =
			m[2] === 'r' || m[2] === 'a' ? repr(value) : m[2] === 's' ? str(value) : value;
		out += ctx.format(converted, m[3] ?? '', at);
		i = close;
	}
	return out;
}

/** ", did you mean 'sigmoid'?" for a name one or two edits from a known one. */
export function suggest(name: string, known: string[]): string {
	let best: string | null = null;
	let bestDistance = 3;
	for (const k of known) {
		const d = editDistance(name.toLowerCase(), k.toLowerCase());
		if (d < bestDistance) {
			bestDistance = d;
			best = k;
		}
	}
	return best !== null && bestDistance <= Math.max(1, Math.floor(name.length / 3))
		? `; did you mean '${best}'?`
		: '';
}

function editDistance(a: string, b: string): number {
	if (Math.abs(a.length - b.length) > 2) return 3;
	const row = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		let diagonal = row[0];
		row[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const above = row[j];
			row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
			diagonal = above;
		}
	}
	return row[b.length];
}
