"""Computes the scalar reference cases with PyTorch (float64).

Reads tests/reference/scalar-cases.spec.json (inputs, ops, output per case) and writes
tests/reference/torch-cases.json, which the unit tests read. Run with a python that has torch:

    /usr/bin/python3 scripts/reference/scalar_cases.py [output.json]
"""
import json
import pathlib
import sys

import torch

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC = ROOT / "tests" / "reference" / "scalar-cases.spec.json"
OUT = ROOT / "tests" / "reference" / "torch-cases.json"

UNARY = {
    "neg": torch.neg,
    "exp": torch.exp,
    "log": torch.log,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
}
BINARY = {
    "add": torch.add,
    "sub": torch.sub,
    "mul": torch.mul,
    "div": torch.div,
}


def run(case):
    leaves = {
        name: torch.tensor(float(x), dtype=torch.float64, requires_grad=True)
        for name, x in case["inputs"].items()
    }
    nodes = dict(leaves)

    def operand(o):
        if isinstance(o, str):
            return nodes[o]
        return torch.tensor(float(o), dtype=torch.float64)

    for out, op, *args in case["ops"]:
        if op in UNARY:
            nodes[out] = UNARY[op](operand(args[0]))
        elif op in BINARY:
            nodes[out] = BINARY[op](operand(args[0]), operand(args[1]))
        elif op == "pow":
            nodes[out] = operand(args[0]) ** args[1]
        else:
            raise ValueError(f"{case['name']}: unknown op {op}")
    nodes[case["output"]].backward()
    return {
        **case,
        "values": {out: nodes[out].item() for out, *_ in case["ops"]},
        "grads": {
            name: (t.grad.item() if t.grad is not None else 0.0) for name, t in leaves.items()
        },
    }


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    result = {
        "source": f"PyTorch {torch.__version__.split('+')[0]}, float64",
        "cases": [run(c) for c in spec["cases"]],
    }
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
