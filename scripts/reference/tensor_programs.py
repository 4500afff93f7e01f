"""Runs every PyTorch program the tests use with PyTorch (float64 default dtype) and writes what
the tensor engine's tests compare with: tests/reference/tensor-programs/tensor-cases.json. The
programs are the page's presets (src/lib/torch/examples/*.py) and the engine's other reference
programs (tests/reference/tensor-programs/*.py), in file-name order.

    /usr/bin/python3 scripts/reference/tensor_programs.py [out.json]

Per program: the root backward() was called on and its value; every leaf that requires grad
(shape, value, grad); every named tensor (shape, value, grad_fn, and the gradient PyTorch computed
for it, caught by a tensor hook, also for intermediates); the sorted names of every autograd node
reachable from the root (AccumulateGrad once per leaf); the printed lines; and the nodes in the
order PyTorch's engine ran them, recorded by a post-hook on each node. Tensors of more than
1,000 elements are given by their 2-norm.
"""
import contextlib
import io
import json
import pathlib
import sys

import torch

torch.set_default_dtype(torch.float64)

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "tests" / "reference" / "tensor-programs"
EXAMPLES = ROOT / "src" / "lib" / "torch" / "examples"
BIG = 1000


def values(t, key):
    """{key: tolist()} or, for a big tensor, {key_norm: 2-norm}"""
    t = t.detach()
    if t.numel() > BIG:
        return {key + "_norm": t.norm().item()}
    return {key: t.tolist()}


def nodes_from(fn):
    """every node reachable from fn through next_functions, each once, in discovery order"""
    seen, order, stack = set(), [], [fn]
    while stack:
        f = stack.pop()
        if f is None or f in seen:
            continue
        seen.add(f)
        order.append(f)
        stack.extend(g for g, _ in reversed(f.next_functions))
    return order


def node_name(fn):
    return fn.name().replace("torch::autograd::", "")


def run(path):
    source = path.read_text()
    scope = {"__name__": "__main__"}
    record = {}
    original_backward = torch.Tensor.backward

    def backward(self, *args, **kwargs):
        # Before the engine runs: name each node, hook it, and catch every named tensor's gradient.
        record["root"] = next(k for k, v in scope.items() if v is self)
        owner = {}
        for name, t in scope.items():
            if isinstance(t, torch.Tensor) and t.requires_grad:
                if t.grad_fn is not None:
                    owner.setdefault(t.grad_fn, name)
                    t.register_hook(lambda g, name=name: record["grads"].__setitem__(name, g))
        record["grads"] = {}
        record["order"] = []
        for fn in nodes_from(self.grad_fn):
            if node_name(fn) == "AccumulateGrad":
                leaf = next(k for k, v in scope.items() if v is fn.variable)
                owner[fn] = leaf
            fn.register_hook(
                lambda _gi, _go, fn=fn: record["order"].append((node_name(fn), owner.get(fn)))
            )
        record["grad_fns"] = sorted(node_name(f) for f in nodes_from(self.grad_fn))
        return original_backward(self, *args, **kwargs)

    out = io.StringIO()
    torch.Tensor.backward = backward
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, str(path), "exec"), scope)
    finally:
        torch.Tensor.backward = original_backward

    root = scope[record["root"]]
    tensors = {k: v for k, v in scope.items() if isinstance(v, torch.Tensor)}
    leaves = {}
    named = {}
    for name, t in tensors.items():
        entry = {
            "shape": list(t.shape),
            "dtype": str(t.dtype).replace("torch.", ""),
            "requires_grad": t.requires_grad,
            "leaf": t.is_leaf,
            "retains_grad": t.requires_grad and (t.is_leaf or t.retains_grad),
            "grad_fn": node_name(t.grad_fn) if t.grad_fn is not None else None,
            **values(t, "value"),
        }
        grad = t.grad if t.is_leaf else record["grads"].get(name)
        if grad is not None:
            entry.update(values(grad, "grad"))
        named[name] = entry
        if t.is_leaf and t.requires_grad:
            leaves[name] = {"shape": list(t.shape), **values(t, "value"), **values(t.grad, "grad")}
    return {
        "name": path.stem,
        "source": source,
        "root": record["root"],
        "root_value": root.item(),
        "parameters": sum(tensors[k].numel() for k in leaves),
        "leaves": leaves,
        "named": named,
        "grad_fns": record["grad_fns"],
        "printed": out.getvalue().splitlines(),
        "backward_order": [name for name, _ in record["order"]],
        "backward_nodes": [owner for _, owner in record["order"]],
    }


def main():
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else PROGRAMS / "tensor-cases.json"
    files = sorted([*EXAMPLES.glob("*.py"), *PROGRAMS.glob("*.py")], key=lambda p: p.name)
    cases = [run(p) for p in files]
    doc = {"source": f"PyTorch {torch.__version__}, float64 default dtype", "cases": cases}
    target.write_text(json.dumps(doc, indent=1, allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
