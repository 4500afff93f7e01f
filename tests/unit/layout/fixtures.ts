import type { LayoutInput } from '$lib/layout/types';

const box = (id: string) => ({ id, width: 150, height: 112 });
const edge = (source: string, target: string) => ({ id: `${source}->${target}`, source, target });

/** z = w1*x1 + w2*x2, h = sigmoid(z), yhat = v*h, L = (yhat - y)^2, as DESIGN.md draws it. */
export function textbook(): LayoutInput {
	return {
		nodes: ['x1', 'x2', 'w1', 'w2', 'v', 'y', 'z', 'h', 'yhat', 'L'].map(box),
		edges: [
			edge('w1', 'z'),
			edge('x1', 'z'),
			edge('w2', 'z'),
			edge('x2', 'z'),
			edge('z', 'h'),
			edge('v', 'yhat'),
			edge('h', 'yhat'),
			edge('yhat', 'L'),
			edge('y', 'L')
		]
	};
}

/** Two inputs into one smaller node. */
export function small(): LayoutInput {
	return {
		nodes: [box('a'), box('b'), { id: 's', width: 100, height: 60 }],
		edges: [edge('a', 's'), edge('b', 's')]
	};
}
