import { Value } from '$lib/engine';

/** The chapter's numbers. */
export const TEXTBOOK_VALUES = { x1: 1.0, x2: 0.5, w1: 0.4, w2: 0.6, v: 0.8, y: 1.0 } as const;

/**
 * The chapter's network: two inputs, one sigmoid hidden unit, a linear output, squared error.
 *   z = w1·x1 + w2·x2,  h = σ(z),  ŷ = v·h,  L = (ŷ − y)²
 */
export function textbookNetwork(values: Record<string, number> = TEXTBOOK_VALUES): Value {
	const leaf = (name: keyof typeof TEXTBOOK_VALUES) => new Value(values[name], name);
	const [x1, x2, w1, w2, v, y] = (['x1', 'x2', 'w1', 'w2', 'v', 'y'] as const).map(leaf);
	const z = w1.mul(x1).add(w2.mul(x2)).named('z');
	const h = z.sigmoid().named('h');
	const yhat = v.mul(h).named('yhat');
	return yhat.sub(y).pow(2).named('L');
}
