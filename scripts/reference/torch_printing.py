"""Writes tests/reference/torch-printing.json: what real PyTorch 1.13 (float64 default dtype)
prints for the reference programs in tests/reference/tensor-programs/ and for small snippets, and
the message of each snippet that raises. The tests of src/lib/torch run the same text through
our interpreter and compare.

Run from the project folder, then let Prettier lay the file out as the lint expects:
    /usr/bin/python3 scripts/reference/torch_printing.py
    npx prettier --write tests/reference/torch-printing.json
"""
import contextlib
import io
import json
import pathlib
import random
import sys
import traceback

import torch

torch.set_default_dtype(torch.float64)

PRELUDE = "import math\nimport torch\nimport torch.nn.functional as F\n"

# Each snippet runs after PRELUDE. Keep them to the subset the interpreter reads.
SNIPPETS = {
    'scalar': "print(torch.tensor(0.2166434998109707))",
    'scalar-int-valued': "print(torch.tensor(3.0))",
    'scalar-int': "print(torch.tensor(3))",
    'scalar-negative': "print(torch.tensor(-0.5))",
    'scalar-requires-grad': "print(torch.tensor(0.8, requires_grad=True))",
    'vector': "print(torch.tensor([0.4, 0.6], requires_grad=True))",
    'vector-ints': "print(torch.tensor([1, 0, 2]))",
    'vector-int-valued-floats': "print(torch.tensor([1.0, 2.0, -3.0]))",
    'vector-mixed-widths': "print(torch.tensor([1.5, -22.25, 333.125]))",
    'vector-sci-small': "print(torch.tensor([1e-5, 0.5]))",
    'vector-sci-spread': "print(torch.tensor([1.0, 12345.0]))",
    'vector-sci-large': "print(torch.tensor([1e9, 2.5]))",
    'vector-int-valued-spread': "print(torch.tensor([1.0, 100000.0]))",
    'vector-zeros': "print(torch.zeros(3))",
    'vector-ones-grad': "print(torch.ones(2, 3, requires_grad=True))",
    'matrix': "print(torch.tensor([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.6]]))",
    'matrix-ints': "print(torch.tensor([[1, 2], [30, -4]]))",
    'three-d': "print(torch.arange(12).reshape(2, 3, 2))",
    'three-d-float': "print(torch.linspace(0, 1, 12).reshape(2, 2, 3))",
    'wide-vector': "print(torch.linspace(-1, 1, 30))",
    'wide-int-vector': "print(torch.arange(40))",
    'wide-matrix': "print(torch.linspace(0, 1, 40).reshape(2, 20))",
    'summarized-vector': "print(torch.arange(2000))",
    'summarized-float': "print(torch.linspace(0, 1, 1200))",
    'summarized-matrix': "print(torch.linspace(-3, 3, 1500).reshape(50, 30))",
    'nan-inf': "print(torch.tensor([float('nan'), float('inf'), 1.5]))",
    'nan-inf-int-valued': "print(torch.tensor([float('-inf'), 2.0]))",
    'empty': "print(torch.tensor([]))",
    'eye': "print(torch.eye(3))",
    'full-int': "print(torch.full((2, 2), 3))",
    'full-float': "print(torch.full((2,), 0.25))",
    'arange-float': "print(torch.arange(0, 1, 0.25))",
    'linspace': "print(torch.linspace(0, 1, 5))",
    'float32': "print(torch.tensor([0.5, 0.25], dtype=torch.float32))",
    'long': "print(torch.tensor([1, 0], dtype=torch.long))",
    'float64-named': "print(torch.tensor([1, 2], dtype=torch.float64))",
    'bools': "print(torch.tensor([True, False]))",
    'grad-fn-mul': "w = torch.tensor([0.4, 0.6], requires_grad=True)\nx = torch.tensor([1.0, 0.5])\nprint(w * x)",
    'grad-fn-sum': "w = torch.tensor([0.4, 0.6], requires_grad=True)\nprint(w.sum())",
    'grad-fn-sum-dim': "W = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)\nprint(W.sum(dim=0))\nprint(W.sum(1, keepdim=True))",
    'grad-fn-mean': "W = torch.tensor([[1.0, 2.0], [3.0, 4.5]], requires_grad=True)\nprint(W.mean())\nprint(W.mean(dim=1))",
    'grad-fn-unary': "x = torch.tensor([0.5, -1.0], requires_grad=True)\nprint(torch.exp(x))\nprint(x.tanh())\nprint(torch.sigmoid(x))\nprint(F.relu(x))\nprint(x.abs())\nprint(torch.sin(x), torch.cos(x))",
    'grad-fn-pow': "x = torch.tensor(2.0, requires_grad=True)\nprint(x ** 3)\nprint(x ** 0.5)",
    'grad-fn-div': "x = torch.tensor(2.0, requires_grad=True)\nprint(x / 4)\nprint(1 / x)",
    'grad-fn-rsub': "x = torch.tensor(2.0, requires_grad=True)\nprint(1 - x)\nprint(-x)",
    'grad-fn-matmul': "x = torch.tensor([[1.0, 2.0, 0.5], [0.2, -1.0, 0.3]])\nW = torch.tensor([[0.2, -0.1], [0.4, 0.3], [-0.5, 0.6]], requires_grad=True)\nprint(x @ W)\nprint(torch.tensor([1.0, 2.0]) @ torch.tensor([3.0, 4.0]))",
    'grad-fn-mv': "A = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)\nv = torch.tensor([1.0, -1.0])\nprint(A @ v)\nprint(v @ A)",
    'softmax': "z = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)\nprint(torch.softmax(z, dim=0))\nprint(F.log_softmax(z, dim=0))",
    'losses': "p = torch.tensor([0.2, 0.9], requires_grad=True)\ny = torch.tensor([0.0, 1.0])\nprint(F.mse_loss(p, y))\nlogits = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]], requires_grad=True)\nprint(F.cross_entropy(logits, torch.tensor([1, 2])))",
    'transpose': "W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)\nprint(W.t())\nprint(W.T)",
    'select': "W = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)\nprint(W[0])\nprint(W[1, 0])\nprint(W[-1])",
    'view-reshape': "x = torch.arange(6)\nprint(x.view(2, 3))\nprint(x.reshape(3, -1))\nprint(x.reshape((1, 6)).shape)",
    'int-ops': "i = torch.arange(7)\nprint(i % 3)\nprint(i // 2)\nprint(i * 2 + 1)",
    'int-neg': "i = torch.arange(4)\nprint(-i, (-i) % 3, -i // 2)",
    'int-float-mix': "i = torch.arange(3)\nprint(i * 0.5)\nprint(i / 2)",
    'broadcast': "a = torch.tensor([[1.0], [2.0]])\nb = torch.tensor([10.0, 20.0, 30.0])\nprint(a + b)\nprint(a * 2)",
    'grads': "w = torch.tensor([0.4, 0.6], requires_grad=True)\nx = torch.tensor([1.0, 0.5])\nloss = ((w * x).sum() - 1.0) ** 2\nloss.backward()\nprint(w.grad)\nprint(w.grad[0])\nprint(x.grad)\nprint(w.grad.tolist())",
    'retain-grad': "w = torch.tensor(0.5, requires_grad=True)\nh = torch.sigmoid(w)\nh.retain_grad()\nL = h * h\nL.backward()\nprint(h.grad, w.grad)\nprint(h.grad.item())",
    'reassign': "h = torch.tensor(1.0, requires_grad=True)\nh = torch.sigmoid(3.0 * h)\nh = torch.sigmoid(3.0 * h)\nprint(h)",
    'items': "t = torch.tensor([[1.5, 2.0]])\nprint(t[0, 1].item(), torch.tensor(3).item(), torch.tensor(True).item())\nprint(t.tolist(), torch.tensor([1, 2]).tolist())",
    'shape-dtype': "t = torch.zeros(2, 3)\nprint(t.shape, t.dtype, torch.tensor([1]).dtype, t.shape[1], len(t), t.size(), t.size(0), t.numel(), t.ndim, t.dim())\nprint(t.shape == (2, 3), t.requires_grad, t.is_leaf)",
    'fstring-tensor': "loss = torch.tensor(0.2166434998109707, requires_grad=True)\nprint(f'{loss:.4f} {loss.item():.3e} {loss}')\nprint(f'{loss!r}')",
    'fstring-formats': "x = 0.2166434998109707\nprint(f'{x:.4f}|{x:.3e}|{x:>8.4f}|{x:<10.2f}|{x:^10.3f}|{x:+.2f}|{-x: .2f}|{x:g}|{x:.3g}|{x:%}|{x:.1%}')\nprint(f'{12345.678:,.2f}|{1234567:,}|{1234567:_}|{255:x}|{255:#X}|{5:03d}|{7:>4}|{\"ab\":*^6}')",
    'fstring-misc': "a = 3\nb = 2.5\nprint(f'{a=} {b=:.2f} {a + b} {a / 2} {a // 2} {-a % 5} {2 ** 10} {2 ** -1}')\nprint(f\"{'nested'} {[1, 2.0, 'x']} {{braces}}\")",
    'fstring-nested-spec': "x = 0.2166434998109707\nw = 10\np = 3\nprint(f'[{x:{w}.{p}f}] [{x:>{w}}] [{\"ab\"!r:^8}] [{x = :.2e}]')",
    'from-import': "from math import isclose as close, pi\nfrom torch import tensor\nfrom torch.nn.functional import relu\nprint(close(pi, 3.14159, abs_tol=1e-5), relu(tensor([-1.0, 2.0])))",
    'str-format': "print('{} and {:.2f} and {name!r}'.format(1, 2.0, name='n'))\nprint('{0} {1:>5} {0!r:>5}'.format('a', 2.5))",
    'floats-repr': "print(0.1, 1.0, 1e-05, 1e16, 1e15, 123456789.0, 0.1 + 0.2, 1/3, -0.0, 2.5e-7, 1.5e300)\nprint(repr(0.1), str(2.0), [0.1, 1e-05], (1.0,), {'a': 1.5})",
    'ints-bools-none': "print(1, -7, 2 ** 70, True, False, None, 7 // 2, -7 // 2, 7 % -3, True + True, 10 / 4)",
    'print-sep-end': "print('a', 'b', sep=', ', end='!\\n')\nprint('x', end='')\nprint('y')\nprint()\nprint('multi\\nline')",
    'builtins': "print(abs(-2), abs(-2.5), round(2.5), round(3.5), round(2.675, 2), round(0.125, 2), len([1, 2]), float('1e-3'), int(3.9), int('-12'), str(1.0), min(3, 1, 2), max([1.5, 0.5]), sum([1, 2, 3]), bool(0), format(0.5, '.2f'))",
    'math': "print(math.exp(1.0), math.log(2.0), math.sqrt(2.0), math.pi, math.e, math.log(8, 2), math.floor(2.5), math.ceil(2.1), math.tanh(0.5))\nprint(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1, abs_tol=0.2), math.isclose(1.0, 1.1, rel_tol=0.01))",
    'allclose': "a = torch.tensor([1.0, 2.0])\nprint(torch.allclose(a, a + 1e-9), torch.allclose(a, a + 1e-3), torch.allclose(a, torch.tensor([1.0, 2.1]), atol=0.2))",
    'compare': "x = torch.tensor(0.5)\nprint(1 < 2 < 3, 1 < 3 < 2, 2 == 2.0, 'a' != 'b', x > 0.1, 0.5 == x.item(), None is None, 1 in [1, 2], 'w1' in {'w1': 1})",
    'logic': "print(1 and 2, 0 or 'x', not 0, True and False, None or 3)",
    'lists-dicts': "expected = {'w1': -0.1651, 'w2': -0.0825}\nxs = [1, [2, 3], 'a']\nprint(expected['w1'], xs[1][0], xs[-1], expected, xs, (1, 2), ())",
    'strings': "s = 'it' + \"'s\"\nprint(s, repr(s), repr('a\\nb'), 'ab' * 3, '\\u00e9\\t|', r'raw\\n')",
    'detach': "w = torch.tensor([0.4, 0.6], requires_grad=True)\nd = (w * 2).detach()\nprint(d, d.requires_grad)",
    'requires-grad-method': "w = torch.zeros(2).requires_grad_()\nprint(w, w.requires_grad)",
    'default-dtype': "print(torch.get_default_dtype())",
    'float-powers': "print(7.0 ** -6, (7.0 ** -2) ** 3, 1e16 ** -2, 1.1 ** 10, 0.1 ** 3, 2.0 ** 1023, 2.0 ** -1074, 3.0 ** 0.5, (-2.0) ** 3, 10.0 ** -320, 1e-200 ** 2, 2 ** -3, 10 ** -2)",
    'big-ints': "print(10 ** 20, 2 ** 64 - 1, -(2 ** 63), 12345678901234567890 // 7)",
    'numbers-literals': "print(1_000, 0x10, 0o17, 0b101, 1e-3, 1_000.5, .5, 5., -2 ** 2, (-2) ** 2, 2 ** 3 ** 2, 2 ** -1)",
    'tensor-none-compare': "w = torch.tensor(1.0, requires_grad=True)\nprint(w.grad is None, w.grad)",
    'grad-fn-attr': "w = torch.tensor(1.0, requires_grad=True)\nprint(w.grad_fn, (w * 2).grad_fn is not None, (w * 2).requires_grad)",
    # Errors: the interpreter gives the same message (PyTorch's or Python's words).
    'error-matmul': "a = torch.zeros(4, 2)\nb = torch.zeros(3, 1)\nc = a @ b",
    'error-broadcast': "a = torch.zeros(3)\nb = torch.zeros(4)\nc = a + b",
    'error-item': "a = torch.zeros(3)\nprint(a.item())",
    'error-backward-nonscalar': "a = torch.zeros(3, requires_grad=True)\nb = a * 2\nb.backward()",
    'error-backward-no-grad': "a = torch.zeros(3)\nb = a.sum()\nb.backward()",
    'error-int-requires-grad': "a = torch.tensor([1, 2], requires_grad=True)",
    'error-select': "a = torch.zeros(3)\nb = a[5]",
    'error-view': "a = torch.zeros(6)\nb = a.view(4, 2)",
    'error-none-format': "w = torch.tensor(1.0, requires_grad=True)\nprint(f'{w.grad:.4f}')",
    'error-format-spec': "print(f'{1.5:d}')",
    'error-zero-division': "x = 1 / 0",
    'error-key': "d = {'a': 1}\nprint(d['b'])",
    'error-index': "xs = [1, 2]\nprint(xs[2])",
    'error-ambiguous': "a = torch.zeros(2)\nassert a",
    'error-ragged': "a = torch.tensor([[1.0, 2.0], [3.0]])",
    'error-softmax-dim': "a = torch.zeros(2)\nb = torch.softmax(a, dim=1)",
    'error-cross-entropy-target': "a = torch.zeros(2, 3)\nb = F.cross_entropy(a, torch.tensor([0, 3]))",
    'error-math-domain': "print(math.log(-1.0))",
    'error-t-3d': "a = torch.zeros(2, 2, 2)\nb = a.t()",
}


def random_expression(rng, depth=0):
    """A Python expression over ints, floats and bools, for comparing arithmetic and printing."""
    if depth > 3 or rng.random() < 0.3:
        return rng.choice([
            str(rng.randint(-5, 20)),
            repr(rng.choice([0.1, 0.5, 2.5, -3.75, 1e-3, 1e16, 7.0, 0.2, 1 / 3])),
            rng.choice(['True', 'False', '0', '0.0', '-0.0']),
        ])
    kind = rng.random()
    a = random_expression(rng, depth + 1)
    b = random_expression(rng, depth + 1)
    if kind < 0.6:
        op = rng.choice(['+', '-', '*', '/', '//', '%', '**'])
        if op == '**':
            b = str(rng.randint(-2, 4))
        return f'({a} {op} {b})'
    if kind < 0.7:
        return f'(-{a})'
    if kind < 0.8:
        return f'({a} {rng.choice(["<", "<=", "==", "!=", ">", ">="])} {b})'
    return rng.choice([f'abs({a})', f'round({a})', f'round({a}, 2)', f'int({a})', f'float({a})',
                       f'min({a}, {b})', f'max({a}, {b})', f'math.floor({a})'])


def expressions():
    rng = random.Random(20261201)
    cases = []
    for _ in range(300):
        e = random_expression(rng)
        spec = rng.choice(['', ':.3f', ':g', ':.2e', ':>10', ':+.1f'])
        body = f'x = {e}\nprint(x)\nprint(f"{{x{spec}}}")'
        source = 'import math\nimport torch\n' + body + '\n'
        printed, error = run(source)
        cases.append({'source': source, 'printed': printed, 'error': error})
    return cases


def run(source, namespace=None):
    out = io.StringIO()
    error = None
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(source, '<program>', 'exec'), {} if namespace is None else namespace)
    except Exception as e:  # noqa: BLE001 - every exception is recorded as the learner would see it
        line = None
        for frame in traceback.extract_tb(e.__traceback__):
            if frame.filename == '<program>':
                line = frame.lineno
        error = {'type': type(e).__name__, 'message': str(e), 'line': line}
    return out.getvalue(), error


def main():
    programs = []
    folder = pathlib.Path('tests/reference/tensor-programs')
    for path in sorted(folder.glob('*.py')):
        namespace = {}
        printed, error = run(path.read_text(), namespace)
        assert error is None, (path, error)
        loss = namespace['loss']
        grads = {name: value.grad.tolist() for name, value in namespace.items()
                 if isinstance(value, torch.Tensor) and value.is_leaf and value.requires_grad}
        programs.append({'name': path.stem, 'printed': printed, 'loss': loss.item(), 'grads': grads})
    snippets = []
    for name, body in SNIPPETS.items():
        source = PRELUDE + body + '\n'
        printed, error = run(source)
        snippets.append({'name': name, 'source': source, 'printed': printed, 'error': error})
    result = {
        'source': f'PyTorch {torch.__version__}, Python {sys.version.split()[0]}, float64 default dtype',
        'programs': programs,
        'snippets': snippets,
        'expressions': expressions(),
    }
    with open('tests/reference/torch-printing.json', 'w') as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'{len(programs)} programs, {len(snippets)} snippets')


main()
