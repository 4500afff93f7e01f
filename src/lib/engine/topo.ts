import type { Value } from './value';

/** nodes reachable from root, every input before its consumers, deterministic (inputs visited in
 *  order), iterative (a 100,000-node chain must not overflow the stack); each node once */
export function topoOrder(root: Value): Value[] {
	const order: Value[] = [];
	const seen = new Set<Value>([root]);
	// Explicit depth-first stack: the node and the next input slot to visit.
	const stack: Value[] = [root];
	const slot: number[] = [0];
	while (stack.length > 0) {
		const top = stack.length - 1;
		const v = stack[top];
		const i = slot[top];
		if (i < v.inputs.length) {
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
