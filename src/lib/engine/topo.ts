/** A node of a computation graph: a scalar Value, or a Tensor (src/lib/tensor uses this too). */
interface GraphNode<N> {
	readonly inputs: readonly N[];
}

/** nodes reachable from root, every input before its consumers, deterministic (inputs visited in
 *  order), iterative (a 100,000-node chain must not overflow the stack); each node once.
 *  `expand` says whose inputs to visit (all, unless told). */
export function topoOrder<N extends GraphNode<N>>(root: N, expand?: (node: N) => boolean): N[] {
	const order: N[] = [];
	const seen = new Set<N>([root]);
	// Explicit depth-first stack: the node and the next input slot to visit.
	const stack: N[] = [root];
	const slot: number[] = [0];
	while (stack.length > 0) {
		const top = stack.length - 1;
		const v = stack[top];
		const i = slot[top];
		if (i < v.inputs.length && (expand === undefined || expand(v))) {
			slot[top] = i + 1;
			const input = v.inputs[i];
			if (!seen.has(input)) {
				seen.add(input);
				stack.push(input);
				slot.push(0);
			}
		} else {
			stack.pop();
			slot.pop();
			order.push(v);
		}
	}
	return order;
}
