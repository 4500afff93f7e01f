import { OPS, type OpName } from './ops';
import { topoOrder } from './topo';

let nextId = 0;

/** How an op node came to be; only the engine's own ops pass it. */
interface Origin {
	op: OpName;
	inputs: readonly Value[];
	k?: number;
	isConstant?: boolean;
}

/** A scalar in a computation graph: its value, its gradient and the op that made it. */
export class Value {
	readonly id: number;
	data: number;
	grad = 0;
	label: string | undefined;
	readonly op: OpName;
	/** ordered, with repeats: a.add(a) has two entries, so the view draws two edges */
	readonly inputs: readonly Value[];
	/** exponent for pow, 0 otherwise */
	readonly k: number;
	/** a leaf made from a plain number (the 2 in x.mul(2)): it gets no slider */
	readonly isConstant: boolean;

	constructor(data: number, label?: string, origin?: Origin) {
		this.id = nextId++;
		this.data = data;
		this.label = label;
		this.op = origin?.op ?? 'leaf';
		this.inputs = origin?.inputs ?? [];
		this.k = origin?.k ?? 0;
		this.isConstant = origin?.isConstant ?? false;
	}

	static constant(x: number): Value {
		return new Value(x, undefined, { op: 'leaf', inputs: [], isConstant: true });
	}

	add(o: Value | number): Value {
		return binary('add', this, o);
	}
	sub(o: Value | number): Value {
		return binary('sub', this, o);
	}
	mul(o: Value | number): Value {
		return binary('mul', this, o);
	}
	div(o: Value | number): Value {
		return binary('div', this, o);
	}
	pow(k: number): Value {
		return new Value(OPS.pow.forward(this.data, 0, k), undefined, { op: 'pow', inputs: [this], k });
	}
	neg(): Value {
		return unary('neg', this);
	}
	exp(): Value {
		return unary('exp', this);
	}
	log(): Value {
		return unary('log', this);
	}
	tanh(): Value {
		return unary('tanh', this);
	}
	relu(): Value {
		return unary('relu', this);
	}
	sigmoid(): Value {
		return unary('sigmoid', this);
	}

	/** The op named by data (the expression language, tensor lowering): binary ops take `other`. */
	apply(op: Exclude<OpName, 'leaf' | 'pow'>, other: Value | number = 0): Value {
		return OPS[op].arity === 2 ? binary(op, this, other) : unary(op, this);
	}

	named(label: string): this {
		this.label = label;
		return this;
	}

	/** Gradients of this node with respect to everything below it, from the current data. */
	backward(): void {
		const order = topoOrder<Value>(this);
		for (const v of order) v.grad = 0;
		this.grad = 1;
		// Reverse topological order: a node's grad is complete before it is passed on.
		for (let n = order.length - 1; n >= 0; n--) {
			const v = order[n];
			const spec = OPS[v.op];
			const a = v.inputs.length > 0 ? v.inputs[0].data : 0;
			const b = v.inputs.length > 1 ? v.inputs[1].data : 0;
			for (let i = 0; i < v.inputs.length; i++) {
				v.inputs[i].grad += spec.partial(i, a, b, v.data, v.k) * v.grad;
			}
		}
	}
}

function lift(x: Value | number): Value {
	return typeof x === 'number' ? Value.constant(x) : x;
}

function unary(op: OpName, a: Value): Value {
	return new Value(OPS[op].forward(a.data, 0, 0), undefined, { op, inputs: [a] });
}

function binary(op: OpName, a: Value, o: Value | number): Value {
	const b = lift(o);
	return new Value(OPS[op].forward(a.data, b.data, 0), undefined, { op, inputs: [a, b] });
}
