import { isFloating, type Tensor } from '$lib/tensor';
import { formatPython } from './format';

/**
 * `repr(tensor)` as PyTorch 1.13 prints it (torch/_tensor_str.py) with float64 as the default
 * dtype: four decimals, or scientific notation when the magnitudes are far apart, a shared
 * width, 80-column lines, `...` past 1,000 elements, then `grad_fn=<...>` or
 * `requires_grad=True`, and `dtype=` for float32 (the one dtype that is not a default here).
 */

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;

class Formatter {
	readonly floating: boolean;
	intMode = true;
	sciMode = false;
	width = 1;

	constructor(t: Tensor, values: ArrayLike<number>) {
		this.floating = isFloating(t.dtype);
		if (!this.floating) {
			const isBool = t.dtype === 'bool';
			for (let i = 0; i < values.length; i++) {
				this.width = Math.max(this.width, this.plain(values[i], isBool).length);
			}
			return;
		}
		const finite: number[] = [];
		for (let i = 0; i < values.length; i++) {
			if (Number.isFinite(values[i]) && values[i] !== 0) finite.push(values[i]);
		}
		if (finite.length === 0) return;
		let min = Infinity;
		let max = 0;
		for (const x of finite) {
			min = Math.min(min, Math.abs(x));
			max = Math.max(max, Math.abs(x));
			if (x !== Math.ceil(x)) this.intMode = false;
		}
		const spread = max / min > 1000 || max > 1e8;
		if (this.intMode) {
			this.sciMode = spread;
			for (const x of finite) {
				const text = spread ? formatPython(x, `.${PRECISION}e`) : `${formatPython(x, '.0f')}.`;
				this.width = Math.max(this.width, text.length);
			}
		} else {
			this.sciMode = spread || min < 1e-4;
			for (const x of finite) {
				const text = formatPython(x, this.sciMode ? `.${PRECISION}e` : `.${PRECISION}f`);
				this.width = Math.max(this.width, text.length);
			}
		}
	}

	private plain(x: number, isBool: boolean): string {
		if (isBool) return x ? 'True' : 'False';
		return String(x);
	}

	format(x: number, isBool: boolean): string {
		let text: string;
		if (!this.floating) text = this.plain(x, isBool);
		else if (this.sciMode) text = formatPython(x, `${this.width}.${PRECISION}e`);
		else if (this.intMode) {
			text = formatPython(x, '.0f');
			if (Number.isFinite(x)) text += '.';
		} else text = formatPython(x, `.${PRECISION}f`);
		return text.padStart(this.width);
	}
}

export function tensorRepr(t: Tensor): string {
	const prefix = 'tensor(';
	const indent = prefix.length;
	const suffixes: string[] = [];
	let body: string;
	if (t.size === 0) {
		if (t.ndim !== 1) suffixes.push(`size=(${t.shape.join(', ')}${t.ndim === 1 ? ',' : ''})`);
		if (t.dtype !== 'float64') suffixes.push(`dtype=torch.${t.dtype}`);
		body = '[]';
	} else {
		if (t.dtype === 'float32') suffixes.push('dtype=torch.float32');
		body = tensorBody(t, indent);
	}
	if (t.gradFn && !t.isLeaf) suffixes.push(`grad_fn=<${t.gradFn}>`);
	else if (t.requiresGrad) suffixes.push('requires_grad=True');
	return addSuffixes(prefix + body, suffixes, indent);
}

function tensorBody(t: Tensor, indent: number): string {
	const summarize = t.size > THRESHOLD;
	const formatter = new Formatter(t, summarize ? summarized(t) : t.data);
	const isBool = t.dtype === 'bool';
	const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((n, s) => n * s, 1));
	const build = (d: number, offset: number, ind: number): string => {
		if (t.ndim === 0) return formatter.format(t.data[0], isBool);
		const n = t.shape[d];
		const indices =
			summarize && n > 2 * EDGE_ITEMS
				? [...range(0, EDGE_ITEMS), -1, ...range(n - EDGE_ITEMS, n)]
				: range(0, n);
		if (d === t.ndim - 1) {
			const elementLength = formatter.width + 2;
			const perLine = Math.max(1, Math.floor((LINE_WIDTH - ind) / elementLength));
			const items = indices.map((i) =>
				i < 0 ? ' ...' : formatter.format(t.data[offset + i], isBool)
			);
			const lines: string[] = [];
			for (let i = 0; i < items.length; i += perLine) {
				lines.push(items.slice(i, i + perLine).join(', '));
			}
			return `[${lines.join(`,\n${' '.repeat(ind + 1)}`)}]`;
		}
		const slices = indices.map((i) =>
			i < 0 ? '...' : build(d + 1, offset + i * strides[d], ind + 1)
		);
		const separator = `,${'\n'.repeat(t.ndim - d - 1)}${' '.repeat(ind + 1)}`;
		return `[${slices.join(separator)}]`;
	};
	return build(0, 0, indent);
}

/** The elements a summarized print shows (the first and last three along every dim). */
function summarized(t: Tensor): number[] {
	const out: number[] = [];
	const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((n, s) => n * s, 1));
	const walk = (d: number, offset: number): void => {
		if (d === t.ndim) {
			out.push(t.data[offset]);
			return;
		}
		const n = t.shape[d];
		const indices =
			n > 2 * EDGE_ITEMS ? [...range(0, EDGE_ITEMS), ...range(n - EDGE_ITEMS, n)] : range(0, n);
		for (const i of indices) walk(d + 1, offset + i * strides[d]);
	};
	walk(0, 0);
	return out;
}

function range(from: number, to: number): number[] {
	const out: number[] = [];
	for (let i = from; i < to; i++) out.push(i);
	return out;
}

function addSuffixes(text: string, suffixes: string[], indent: number): string {
	const parts = [text];
	let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
	for (const suffix of suffixes) {
		if (lastLineLength + suffix.length + 2 > LINE_WIDTH) {
			parts.push(`,\n${' '.repeat(indent)}${suffix}`);
			lastLineLength = indent + suffix.length;
		} else {
			parts.push(`, ${suffix}`);
			lastLineLength += suffix.length + 2;
		}
	}
	parts.push(')');
	return parts.join('');
}
