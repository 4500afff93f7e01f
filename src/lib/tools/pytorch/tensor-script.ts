import type { TensorGraph, TensorNode } from '$lib/graphs/tensor-graph';
import type { Tensor, TensorTape } from '$lib/tensor';
import type { ParsedProgram } from '$lib/torch';
import { pythonNumber, RELATIVE_TOLERANCE, ABSOLUTE_TOLERANCE, SCRIPT_NAME } from './pytorch';

/**
 * The PyTorch check for a PyTorch program: the program itself, as it ran on the page (with the
 * sliders' values written in after each leaf it changes), then checks that PyTorch computed the
 * same value and gradient for every tensor the page drew, and that walking
 * `root.grad_fn.next_functions` meets the autograd nodes the page drew, name for name and edge
 * for edge. Values are written as the shortest text that reads back as the same float64.
 *
 * Tensors the program cannot name (`w * x`, an earlier `h`) are found through the graph: a
 * TorchFunctionMode remembers each op's result by its grad_fn, and hooks on the nodes catch the
 * gradient flowing into each one during a second backward pass.
 */

/** What the check needs of a program on the page. */
export interface TensorCheckInput {
	/** the program as it ran (its statements say where each leaf is assigned) */
	program: ParsedProgram;
	root: Tensor;
	/** whether the program calls backward() itself (else the script does) */
	backwardCalled: boolean;
	/** what the page drew, holding the current numbers */
	graph: TensorGraph;
	/** the tape whose backwardOrder the page steps */
	tape: TensorTape;
	/** leaf elements the sliders moved away from the program's own values */
	changes: readonly { tensor: Tensor; flat: number; value: number }[];
}

/** Up to this many elements a tensor's numbers are written out; beyond, its norm and a sample. */
export const WRITTEN_LIMIT = 100;
/** How many elements of a larger tensor are checked one by one, spread over it. */
export const SAMPLE_SIZE = 8;
/** A tensor PyTorch holds in float32 (an explicit dtype) differs from float64 past the 7th digit. */
const FLOAT32_TOLERANCE = 1e-4;

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SUBSCRIPTS = /[₀₁₂₃₄₅₆₇₈₉]+$/;

/** A tensor's numbers as a Python literal: nested lists, or a bare number for a 0-d tensor. */
export function pythonList(data: ArrayLike<number>, shape: readonly number[]): string {
	if (shape.length === 0) return pythonNumber(data[0]);
	const build = (offset: number, d: number): string => {
		const n = shape[d];
		const stride = shape.slice(d + 1).reduce((a, b) => a * b, 1);
		const items = Array.from({ length: n }, (_, k) =>
			d === shape.length - 1 ? pythonNumber(data[offset + k]) : build(offset + k * stride, d + 1)
		);
		return `[${items.join(', ')}]`;
	};
	return build(0, 0);
}

/** The element at a flat (row-major) index as a Python subscript: `[0, 1]`. */
export function pythonIndex(shape: readonly number[], flat: number): string {
	const index = new Array<number>(shape.length);
	for (let d = shape.length - 1; d >= 0; d--) {
		index[d] = flat % shape[d];
		flat = Math.floor(flat / shape[d]);
	}
	return `[${index.join(', ')}]`;
}

/** Evenly spread flat indices of a tensor of `size` elements, first and last included. */
export function sampleIndices(size: number, count = SAMPLE_SIZE): number[] {
	if (size <= count) return Array.from({ length: size }, (_, k) => k);
	return Array.from({ length: count }, (_, k) => Math.round((k * (size - 1)) / (count - 1)));
}

/** The numbers one check compares: all of them, or for a large tensor its norm and a sample. */
function numbers(data: ArrayLike<number>, shape: readonly number[]): string {
	if (data.length <= WRITTEN_LIMIT) return pythonList(data, shape);
	let sum = 0;
	for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
	const at = sampleIndices(data.length).map((k) => `${k}: ${pythonNumber(data[k])}`);
	return `{"norm": ${pythonNumber(Math.sqrt(sum))}, "at": {${at.join(', ')}}}`;
}

/**
 * The program with, after each statement that assigns a leaf the sliders changed, the new values;
 * and the leaves no statement names (their values stay the program's, and the check says so).
 */
function programWithSliders(input: TensorCheckInput): { text: string; unplaced: string[] } {
	const { source, statements, labels } = input.program;
	const byLabel = new Map(input.graph.nodes.map((n) => [n.tensor, n.name]));
	// The source offset after which each leaf's changes go, and the lines that make them.
	const inserts = new Map<number, string[]>();
	const unplaced = new Set<string>();
	for (const change of input.changes) {
		const label = byLabel.get(change.tensor) ?? change.tensor.label;
		const statement = statements.find(
			(s) => s.kind === 'assign' && [...(labels.get(s)?.values() ?? [])].includes(label ?? '')
		);
		if (!statement || label === undefined) {
			unplaced.add(label ?? `a tensor of shape [${change.tensor.shape.join(', ')}]`);
			continue;
		}
		const name = label.replace(SUBSCRIPTS, '');
		const lineEnd = source.indexOf('\n', statement.end);
		const at = lineEnd < 0 ? source.length : lineEnd;
		const target =
			change.tensor.ndim === 0
				? `${name}.fill_(${pythonNumber(change.value)})`
				: `${name}${pythonIndex(change.tensor.shape, change.flat)} = ${pythonNumber(change.value)}`;
		inserts.set(at, [...(inserts.get(at) ?? []), target]);
	}
	let text = '';
	let from = 0;
	for (const at of [...inserts.keys()].sort((a, b) => a - b)) {
		text += source.slice(from, at);
		text += '\nwith torch.no_grad():  # the sliders on the page';
		for (const line of inserts.get(at)!) text += `\n    ${line}`;
		from = at;
	}
	text += source.slice(from);
	return { text: text.endsWith('\n') ? text : `${text}\n`, unplaced: [...unplaced] };
}

/** A string as a Python literal. */
const pythonString = (text: string) => JSON.stringify(text);

export function tensorCheckScript(input: TensorCheckInput): string {
	const { graph, tape, root } = input;
	const steps = tape.backwardOrder;
	const stepOf = new Map(steps.map((s, k) => [s.node, k]));
	const nodeOf = (t: Tensor) => graph.nodes[graph.indexOf.get(t)!];
	const label = (t: Tensor) => (graph.indexOf.has(t) ? nodeOf(t).name : (t.label ?? `t${t.id}`));
	const rootName = PLAIN_NAME.test(label(root)) ? label(root) : null;

	const graphLines = steps.map((s) => {
		const next = s.edges.map((e) => stepOf.get(e.input)!);
		return `    (${pythonString(s.name)}, ${pythonString(label(s.node))}, [${next.join(', ')}]),`;
	});

	const entry = (n: TensorNode): string => {
		const t = n.tensor;
		const fields = [`"name": ${pythonString(n.name)}`];
		// A name the program binds it to at its end reaches it directly; else the graph does.
		if (PLAIN_NAME.test(n.name)) fields.push(`"tensor": ${n.name}`);
		if (stepOf.has(t)) fields.push(`"node": ${stepOf.get(t)}`);
		fields.push(`"shape": [${t.shape.join(', ')}]`);
		if (t.dtype === 'float32') fields.push(`"rtol": ${FLOAT32_TOLERANCE}`);
		fields.push(`"value": ${numbers(t.data, t.shape)}`);
		fields.push(`"grad": ${t.requiresGrad && t.grad ? numbers(t.grad, t.shape) : 'None'}`);
		return `    {${fields.join(', ')}},`;
	};

	const program = programWithSliders(input);
	const lines = [
		`# ${SCRIPT_NAME}: does PyTorch agree with backprop-explorer?`,
		'# Written by backprop-explorer: your program as it ran on the page, then checks of every',
		'# value and gradient on the page and of the graph PyTorch records (root.grad_fn).',
		'# Your asserts run as written: one that fails on the page fails here too.',
		`# Run it with:  python3 ${SCRIPT_NAME}   (needs PyTorch)`,
		'import math',
		'import sys',
		'',
		'import torch',
		'from torch.overrides import TorchFunctionMode',
		'',
		'# The page computes in float64; so does PyTorch here.',
		'torch.set_default_dtype(torch.float64)',
		'',
		'',
		'class _Explorer(TorchFunctionMode):',
		'    """Remembers the result of every op by its grad_fn, so that tensors your program does',
		'    not name (w * x) can be checked too, and what backward() was called on."""',
		'',
		'    made = {}',
		'    roots = []',
		'',
		'    def __torch_function__(self, func, types, args=(), kwargs=None):',
		'        out = func(*args, **(kwargs or {}))',
		'        if isinstance(out, torch.Tensor) and out.grad_fn is not None:',
		'            self.made.setdefault(out.grad_fn, out)',
		'        return out',
		'',
		'',
		'_backward = torch.Tensor.backward',
		'',
		'',
		'def _kept_backward(self, *args, **kwargs):',
		'    # Keep the graph: the checks below walk it and run it once more.',
		'    _Explorer.roots.append(self)',
		'    kwargs["retain_graph"] = True',
		'    return _backward(self, *args, **kwargs)',
		'',
		'',
		'torch.Tensor.backward = _kept_backward',
		'_explorer = _Explorer()',
		'_explorer.__enter__()',
		'',
		...program.unplaced.map(
			(label) =>
				`# The sliders moved ${label}, which no assignment names: it keeps the program's values here.`
		),
		'# ---- your program ----',
		program.text.trimEnd(),
		'# ---- end of your program ----',
		'',
		'_explorer.__exit__(None, None, None)',
		input.backwardCalled
			? '_root = _Explorer.roots[-1]'
			: `_root = ${rootName ?? '_Explorer.roots[-1]'}`,
		...(input.backwardCalled ? [] : ['_root.backward()  # the page computes the gradients']),
		'',
		'# The autograd nodes the page drew, in the order it steps the backward pass:',
		"# (PyTorch's name, the tensor it made, where its next_functions lead)",
		'GRAPH = [',
		...graphLines,
		']',
		'',
		'# What backprop-explorer computed, for every tensor it drew (a large one by its norm and a',
		'# few elements at flat indices). "node" is its place in GRAPH; "grad" None: no gradient.',
		'TENSORS = [',
		...graph.nodes.map(entry),
		']',
		'',
		`RTOL, ATOL = ${RELATIVE_TOLERANCE}, ${ABSOLUTE_TOLERANCE}`,
		CHECKS
	];
	return lines.join('\n') + '\n';
}

// The same for every program: walk the graph, catch every node's gradient, compare.
const CHECKS = String.raw`

def _walk(failures):
    """Pairs the page's nodes with PyTorch's, starting at root.grad_fn, and notes for each node
    which nodes use its result, as which of their inputs."""
    nodes = [_root.grad_fn] + [None] * (len(GRAPH) - 1)
    users = [[] for _ in GRAPH]
    for k, (name, made, next_nodes) in enumerate(GRAPH):
        fn = nodes[k]
        got = type(fn).__name__ if fn is not None else "nothing"
        if got != name:
            failures.append(f"node {k} ({made}): PyTorch has {got}, the page drew {name}")
            continue
        following = [(f, i) for i, (f, _) in enumerate(fn.next_functions) if f is not None]
        if len(following) != len(next_nodes):
            failures.append(
                f"{name} ({made}): PyTorch sends gradients to {len(following)} nodes, "
                f"the page to {len(next_nodes)}"
            )
            continue
        for (f, i), j in zip(following, next_nodes):
            users[j].append((k, i))
            if nodes[j] is None:
                nodes[j] = f
            elif nodes[j] is not f:
                failures.append(f"{name} ({made}): an edge leads elsewhere than on the page")
    return nodes, users


def _value(k, nodes, users):
    """The tensor node k made: remembered, saved by autograd, or taken from its input."""
    fn = nodes[k]
    kind = type(fn).__name__
    if kind == "AccumulateGrad":
        return fn.variable
    if fn in _Explorer.made:
        return _Explorer.made[fn]
    if isinstance(getattr(fn, "_saved_result", None), torch.Tensor):
        return fn._saved_result
    for user, i in users[k]:
        saved = getattr(nodes[user], ("_saved_self", "_saved_other")[i], None) if i < 2 else None
        if isinstance(saved, torch.Tensor):
            return saved
    # Ops made inside another one (t[i, j], u @ A): from what they saved or their input.
    if kind == "MmBackward0":
        return fn._saved_self @ fn._saved_mat2
    below = _value(GRAPH[k][2][0], nodes, users) if GRAPH[k][2] else None
    if below is None:
        return None
    if kind == "SelectBackward0":
        return below.select(fn._saved_dim, fn._saved_index)
    if kind == "UnsqueezeBackward0":
        return below.unsqueeze(fn._saved_dim)
    if kind == "CloneBackward0":
        return below
    return None


def _gradients(nodes):
    """The gradient flowing into each node, caught by hooks during one more backward pass."""
    caught = {}
    hooks = [
        fn.register_hook(lambda grad_in, grad_out, k=k: caught.__setitem__(k, grad_out[0]))
        for k, fn in enumerate(nodes)
        if fn is not None and type(fn).__name__ != "AccumulateGrad"
    ]
    leaves = [fn.variable for fn in nodes if type(fn).__name__ == "AccumulateGrad"]
    if leaves:
        torch.autograd.grad(_root, leaves, retain_graph=True)
    for hook in hooks:
        hook.remove()
    return caught


def _compare(what, got, want, rtol, failures):
    got = got.detach().to(torch.float64).flatten()
    if isinstance(want, dict):
        pairs = [("norm", torch.linalg.norm(got).item(), want["norm"])]
        pairs += [(f"element {i}", got[i].item(), x) for i, x in want["at"].items()]
    else:
        flat = torch.tensor(want, dtype=torch.float64).flatten().tolist()
        pairs = [(f"element {i}", g, x) for i, (g, x) in enumerate(zip(got.tolist(), flat))]
    for where, g, x in pairs:
        same = (math.isnan(g) and math.isnan(x)) or math.isclose(g, x, rel_tol=rtol, abs_tol=ATOL)
        if not same:
            failures.append(f"{what}, {where}: PyTorch {g!r}, backprop-explorer {x!r}")
            return


def _check():
    failures, unreached = [], []
    nodes, users = _walk(failures)
    grads = _gradients(nodes)
    for t in TENSORS:
        name, k = t["name"], t.get("node")
        fn = nodes[k] if k is not None else None
        tensor = t.get("tensor")
        if tensor is None and fn is not None:
            tensor = _value(k, nodes, users)
        rtol = t.get("rtol", RTOL)
        if tensor is None:
            unreached.append(name)
        elif list(tensor.shape) != t["shape"]:
            failures.append(f"shape of {name}: PyTorch {list(tensor.shape)}, the page {t['shape']}")
            continue
        else:
            _compare(f"value of {name}", tensor, t["value"], rtol, failures)
        if t["grad"] is None:
            if tensor is not None and tensor.requires_grad:
                failures.append(f"{name} requires grad in PyTorch, not on the page")
            continue
        leaf = fn is not None and type(fn).__name__ == "AccumulateGrad"
        grad = fn.variable.grad if leaf else grads.get(k)
        if grad is None:
            failures.append(f"gradient of {name}: PyTorch computed none")
        else:
            _compare(f"gradient of {name}", grad, t["grad"], rtol, failures)
    return failures, unreached


_failures, _unreached = _check()
for _failure in _failures:
    print(f"MISMATCH {_failure}")
if _failures:
    print(f"FAILED: {len(_failures)} differences between PyTorch and backprop-explorer")
    sys.exit(1)
print(
    f"OK: PyTorch agrees on the {len(GRAPH)} autograd nodes, the values of "
    f"{len(TENSORS) - len(_unreached)} tensors and every gradient (rtol {RTOL:g})"
)
for _name in _unreached:
    print(f"  not compared: the value of {_name}, made inside one PyTorch function")`;
