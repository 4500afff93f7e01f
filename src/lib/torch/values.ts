import { Tensor, type DType } from '$lib/tensor';
import { reprFloat } from './format';
import { isNonPrintable } from './source';
import { tensorRepr } from './tensor-str';

/**
 * Python values as the interpreter holds them: a JavaScript number is a float, a bigint an int,
 * a boolean a bool, null is None; lists, tuples (torch.Size among them), dicts, tensors, dtypes,
 * modules and functions are the classes below.
 */
export type PyValue =
	| number
	| bigint
	| boolean
	| null
	| string
	| PyList
	| PyTuple
	| PyDict
	| Tensor
	| PyDtype
	| PyModule
	| PyFunction
	| PyGradFn;

export class PyList {
	constructor(readonly items: PyValue[]) {}
}

export class PyTuple {
	/** `isSize`: a torch.Size, which prints as `torch.Size([2, 3])` and otherwise is a tuple */
	constructor(
		readonly items: PyValue[],
		readonly isSize = false
	) {}
}

export class PyDict {
	/** by hash key (see keyOf), in insertion order */
	readonly entries = new Map<string, [PyValue, PyValue]>();
}

export class PyDtype {
	constructor(readonly dtype: DType) {}
}

export class PyModule {
	constructor(readonly name: string) {}
}

/** A tensor's grad_fn, printed as `<MulBackward0 object>` (Python adds an address). */
export class PyGradFn {
	constructor(readonly name: string) {}
}

export interface CallArgs {
	args: PyValue[];
	keywords: Map<string, PyValue>;
}

export class PyFunction {
	constructor(
		/** as messages name it: `torch.sigmoid`, `print`, `w.sum` */
		readonly name: string,
		/** `at`: where the call is written, for the limit checks of tensor builders */
		readonly call: (args: CallArgs, at: number) => PyValue
	) {}
}

/** A Python-level error (TypeError, ValueError...): its message, shown at the node that raised it. */
export class PyError extends Error {}

export function typeName(v: PyValue): string {
	if (v === null) return 'NoneType';
	switch (typeof v) {
		case 'number':
			return 'float';
		case 'bigint':
			return 'int';
		case 'boolean':
			return 'bool';
		case 'string':
			return 'str';
	}
	if (v instanceof PyList) return 'list';
	if (v instanceof PyTuple) return v.isSize ? 'torch.Size' : 'tuple';
	if (v instanceof PyDict) return 'dict';
	if (v instanceof Tensor) return 'Tensor';
	if (v instanceof PyDtype) return 'torch.dtype';
	if (v instanceof PyModule) return 'module';
	if (v instanceof PyGradFn) return v.name;
	return 'builtin_function_or_method';
}

export function isNumber(v: PyValue): v is number | bigint | boolean {
	return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

/** An int or bool as a bigint, a float as a number. */
export function numeric(v: number | bigint | boolean): number | bigint {
	return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

export function toFloat(v: number | bigint | boolean): number {
	return typeof v === 'number' ? v : Number(numeric(v));
}

export function dtypeName(d: DType): string {
	return `torch.${d}`;
}

export function str(v: PyValue): string {
	if (typeof v === 'string') return v;
	return repr(v);
}

export function repr(v: PyValue): string {
	if (v === null) return 'None';
	switch (typeof v) {
		case 'number':
			return reprFloat(v);
		case 'bigint':
			return v.toString();
		case 'boolean':
			return v ? 'True' : 'False';
		case 'string':
			return reprString(v);
	}
	if (v instanceof PyList) return `[${v.items.map(repr).join(', ')}]`;
	if (v instanceof PyTuple) {
		if (v.isSize) return `torch.Size([${v.items.map(repr).join(', ')}])`;
		if (v.items.length === 1) return `(${repr(v.items[0])},)`;
		return `(${v.items.map(repr).join(', ')})`;
	}
	if (v instanceof PyDict) {
		const parts = [...v.entries.values()].map(([k, x]) => `${repr(k)}: ${repr(x)}`);
		return `{${parts.join(', ')}}`;
	}
	if (v instanceof Tensor) return tensorRepr(v);
	if (v instanceof PyDtype) return dtypeName(v.dtype);
	if (v instanceof PyModule) return `<module '${v.name}'>`;
	if (v instanceof PyGradFn) return `<${v.name} object>`;
	return `<built-in function ${v.name}>`;
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
export function reprString(s: string): string {
	const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = quote;
	for (const ch of s) {
		const code = ch.codePointAt(0)!;
		if (ch === quote || ch === '\\') out += `\\${ch}`;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (ch !== ' ' && isNonPrintable(ch)) {
			// Python escapes what it cannot print: \xhh, \uhhhh or \Uhhhhhhhh.
			const hex = code.toString(16);
			out +=
				code < 0x100
					? `\\x${hex.padStart(2, '0')}`
					: code < 0x10000
						? `\\u${hex.padStart(4, '0')}`
						: `\\U${hex.padStart(8, '0')}`;
		} else out += ch;
	}
	return out + quote;
}

export function truthy(v: PyValue): boolean {
	if (v === null) return false;
	switch (typeof v) {
		case 'number':
			return v !== 0;
		case 'bigint':
			return v !== 0n;
		case 'boolean':
			return v;
		case 'string':
			return v.length > 0;
	}
	if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
	if (v instanceof PyDict) return v.entries.size > 0;
	if (v instanceof Tensor) {
		if (v.size !== 1) {
			throw new PyError(
				v.size === 0
					? 'Boolean value of Tensor with no values is ambiguous'
					: 'Boolean value of Tensor with more than one value is ambiguous'
			);
		}
		return v.data[0] !== 0;
	}
	return true;
}

/** Dict keys: 1, 1.0 and True are the same key, as in Python. */
export function keyOf(v: PyValue): string {
	if (isNumber(v)) {
		const x = numeric(v);
		if (typeof x === 'bigint') return `n:${x}`;
		return Number.isInteger(x) && Math.abs(x) < 2 ** 63 ? `n:${BigInt(x)}` : `f:${x}`;
	}
	if (typeof v === 'string') return `s:${v}`;
	if (v === null) return 'None';
	if (v instanceof PyTuple) return `t:(${v.items.map(keyOf).join(',')})`;
	throw new PyError(`unhashable type: '${typeName(v)}'`);
}

/** Python's `==`, for the values the subset has (tensors compare as the same object here). */
export function equal(a: PyValue, b: PyValue): boolean {
	if (isNumber(a) && isNumber(b)) {
		const x = numeric(a);
		const y = numeric(b);
		if (typeof x === 'bigint' && typeof y === 'bigint') return x === y;
		if (typeof x === 'bigint') return bigFloatEqual(x, y as number);
		if (typeof y === 'bigint') return bigFloatEqual(y, x);
		return x === y;
	}
	if (typeof a === 'string' || typeof b === 'string') return a === b;
	if (a === null || b === null) return a === b;
	if (
		(a instanceof PyList && b instanceof PyList) ||
		(a instanceof PyTuple && b instanceof PyTuple)
	) {
		return a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i]));
	}
	if (a instanceof PyDict && b instanceof PyDict) {
		if (a.entries.size !== b.entries.size) return false;
		for (const [k, [, x]] of a.entries) {
			const other = b.entries.get(k);
			if (!other || !equal(x, other[1])) return false;
		}
		return true;
	}
	if (a instanceof PyDtype && b instanceof PyDtype) return a.dtype === b.dtype;
	return a === b;
}

function bigFloatEqual(x: bigint, y: number): boolean {
	return Number.isInteger(y) && BigInt(y) === x;
}
