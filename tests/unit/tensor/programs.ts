// The reference programs (tests/support/programs.ts: the presets and tests/reference/tensor-programs), built through the tensor API
// call for call as PyTorch runs them (the interpreter is tested on the .py files themselves).
// Each returns its scope: every name the program assigns, in the order Python assigns them.
import * as T from '$lib/tensor';
import type { NestedNumbers, Tensor } from '$lib/tensor';

export interface Program {
	scope: Map<string, Tensor>;
	root: string;
}

/** `torch.tensor(...)` of float literals (JavaScript cannot tell 1.0 from 1) */
const f = (x: NestedNumbers, requiresGrad = false) =>
	T.tensor(x, { dtype: 'float64', requiresGrad });

function program(root: string, named: Record<string, Tensor>): Program {
	const scope = new Map(Object.entries(named));
	for (const [name, t] of scope) t.label ??= name;
	return { scope, root };
}

export const PROGRAMS: Record<string, () => Program> = {
	chapter() {
		const x = f([1.0, 0.5]);
		const y = f(1.0);
		const w = f([0.4, 0.6], true);
		const v = f(0.8, true);
		const z = T.sum(T.mul(w, x));
		const h = T.sigmoid(z);
		const y_hat = T.mul(v, h);
		const loss = T.pow(T.sub(y_hat, y), 2);
		return program('loss', { x, y, w, v, z, h, y_hat, loss });
	},

	mlp_batch: () => mlpBatch(),

	cross_entropy() {
		const x = f([
			[1.0, 2.0, 0.5],
			[0.2, -1.0, 0.3]
		]);
		const W = f(
			[
				[0.2, -0.1],
				[0.4, 0.3],
				[-0.5, 0.6]
			],
			true
		);
		const target = T.tensor([1, 0]);
		const logits = T.matmul(x, W);
		const loss = T.crossEntropy(logits, target);
		return program('loss', { x, W, target, logits, loss });
	},

	broadcast_bias() {
		const X = f([
			[1.0, -2.0],
			[0.5, 0.25],
			[-1.5, 3.0]
		]);
		const W = f(
			[
				[0.2, -0.4, 0.1],
				[0.7, 0.3, -0.6]
			],
			true
		);
		const b = f([0.1, -0.2, 0.3], true);
		const scale = f([[2.0], [1.0], [0.5]]);
		const A = T.add(T.matmul(X, W), b);
		const R = T.relu(A);
		const rows = T.sum(R, 1, true);
		const cols = T.mean(T.mul(R, scale), 0);
		const loss = T.sub(T.add(T.sum(T.div(rows, 3)), T.mean(cols)), T.sum(T.mean(A, 1)));
		return program('loss', { X, W, b, scale, A, R, rows, cols, loss });
	},

	softmax_rows() {
		const logits = f(
			[
				[2.0, 1.0, 0.1],
				[0.5, 2.5, -1.0]
			],
			true
		);
		const weights = f([
			[1.0, 0.0, -1.0],
			[0.5, 0.5, 2.0]
		]);
		const target = T.floorDivide(T.tensor([1, 3]), 2);
		const P = T.softmax(logits, 1);
		const Q = T.softmax(logits, 0);
		const L = T.logSoftmax(logits, 1);
		const nll = T.nllLoss(L, target);
		const first = T.select(P, 0, 0);
		const corner = T.select(T.select(Q, 0, 1), 0, 2);
		const loss = T.add(T.add(T.add(T.sum(T.mul(P, weights)), T.mul(corner, 3)), nll), T.sum(first));
		return program('loss', { logits, weights, target, P, Q, L, nll, first, corner, loss });
	},

	elementwise() {
		const x = f([0.5, 1.5, 2.0, 3.0], true);
		const s = T.mul(T.sin(x), T.cos(x));
		const a = T.abs(T.sub(x, 1.75));
		const r = T.add(T.add(T.sqrt(x), T.exp(T.neg(x))), T.log(x));
		let q = T.add(T.div(x, 2), T.div(2, x));
		q = T.sub(q, T.sub(2, x));
		q = T.add(T.add(T.add(q, T.pow(x, 3)), T.pow(2, x)), T.tanh(x));
		const u = T.add(T.neg(q), T.sigmoid(r));
		const loss = T.sum(T.add(T.add(s, a), u));
		return program('loss', { x, s, a, r, q, u, loss });
	},

	matmul_kinds() {
		const A = f(
			[
				[1.0, 2.0, 0.5],
				[-1.0, 0.5, 2.0]
			],
			true
		);
		const v = f([0.3, -0.2, 0.9], true);
		const u = f([1.5, -0.5], true);
		const Av = T.matmul(A, v);
		const vv = T.matmul(v, v);
		const uA = T.matmul(u, A);
		const At = T.t(A);
		const AT = T.T(A);
		const flat = T.reshape(A, [6]);
		const cols = T.reshape(At, [-1]);
		const grid = T.view(flat, [3, 2]);
		const M = T.matmul(At, A);
		let loss = T.add(T.add(T.sum(Av), vv), T.sum(uA));
		loss = T.add(loss, T.select(T.select(M, 0, 1), 0, 2));
		loss = T.add(loss, T.sum(T.mul(AT, grid)));
		loss = T.add(loss, T.mul(T.select(cols, 0, 4), 2));
		loss = T.add(loss, T.sum(T.select(A, 0, 1)));
		return program('loss', { A, v, u, Av, vv, uA, At, AT, flat, cols, grid, M, loss });
	},

	mse() {
		const x = f([[0.0], [1.0], [2.0], [3.0]]);
		const y = f([[1.0], [2.9], [5.2], [7.1]]);
		const w = f([[1.5]], true);
		const b = f([0.5], true);
		const pred = T.add(T.matmul(x, w), b);
		const loss = T.mseLoss(pred, y);
		return program('loss', { x, y, w, b, pred, loss });
	},

	reuse() {
		const a = f([1.0, -2.0, 3.0], true);
		const c = f(0.5, true);
		const sq = T.mul(a, a).retainGrad();
		const twice = T.add(sq, sq);
		const e = T.exp(T.mul(c, a)).retainGrad();
		const loss = T.add(T.sum(T.mul(twice, e)), T.mul(c, c));
		return program('loss', { a, c, sq, twice, e, loss });
	},

	extremes() {
		const z = f(
			[
				[1000.0, -1000.0, 0.0],
				[-1000.0, 999.0, 1000.0]
			],
			true
		);
		const target = T.tensor([1, 2]);
		const s = T.sigmoid(z);
		const p = T.softmax(z, 1);
		const lp = T.logSoftmax(z, 0);
		const ce = T.crossEntropy(z, target);
		const loss = T.add(T.add(T.add(T.sum(s), T.sum(T.mul(p, p))), T.mean(lp)), ce);
		return program('loss', { z, target, s, p, lp, ce, loss });
	},

	big_classifier: bigClassifier
};

/** mlp_batch, with W1[0][1] given (the program's -0.4 unless told): a fresh build to compare a
 *  re-evaluated tape against. */
export function mlpBatch(w01 = -0.4): Program {
	const X = f([
		[0.0, 0.0],
		[0.0, 1.0],
		[1.0, 0.0],
		[1.0, 1.0]
	]);
	const Y = f([[0.0], [1.0], [1.0], [0.0]]);
	const W1 = f(
		[
			[0.5, w01],
			[0.3, 0.8]
		],
		true
	);
	const b1 = f([0.1, -0.2], true);
	const W2 = f([[0.7], [-0.6]], true);
	const b2 = f([0.05], true);
	const H = T.tanh(T.add(T.matmul(X, W1), b1));
	const P = T.sigmoid(T.add(T.matmul(H, W2), b2));
	const loss = T.mean(T.pow(T.sub(P, Y), 2));
	return program('loss', { X, Y, W1, b1, W2, b2, H, P, loss });
}

/** The big preset: a two-layer classifier on a batch of 64, 34,186 parameters. */
export function bigClassifier(): Program {
	const squares = (n: number) => T.pow(T.arange(n), 2);
	const X = T.sin(T.mul(T.pow(T.reshape(T.arange(64 * 256), [64, 256]), 2), 0.01));
	const labels = T.remainder(T.arange(64), 10);
	const W1 = T.mul(
		T.reshape(T.cos(T.mul(squares(256 * 128), 0.37)), [256, 128]),
		0.1
	).requiresGrad_();
	const b1 = T.zeros([128], { requiresGrad: true });
	const W2 = T.mul(
		T.reshape(T.sin(T.mul(squares(128 * 10), 0.73)), [128, 10]),
		0.1
	).requiresGrad_();
	const b2 = T.zeros([10], { requiresGrad: true });
	const H = T.relu(T.add(T.matmul(X, W1), b1));
	const logits = T.add(T.matmul(H, W2), b2);
	const loss = T.crossEntropy(logits, labels);
	return program('loss', { X, labels, W1, b1, W2, b2, H, logits, loss });
}
