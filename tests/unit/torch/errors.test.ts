import { describe, expect, it } from 'vitest';
import { errorText, runProgram } from '$lib/torch';

/**
 * Malformed and unsupported programs, each with the exact message a learner sees and where.
 * Nothing outside the subset is skipped silently.
 */

const CASES: [program: string, message: string, line: number, column: number][] = [
	['x = torch.tensor(1.0)', "name 'torch' is not defined; add import torch at the top", 1, 5],
	['import torch\nwhile True:\n    pass', 'while loops are not supported here', 2, 1],
	[
		'import torch\nx = torch.tensor(1.0)\nif x > 0:\n    y = x',
		'if statements are not supported here',
		3,
		1
	],
	['def f(x):\n    return x', 'defining functions (def) is not supported here', 1, 1],
	['class Net:\n    pass', 'classes are not supported here', 1, 1],
	[
		'import torch\nwith torch.no_grad():\n    y = 1',
		'with blocks are not supported here (torch.no_grad() included)',
		2,
		1
	],
	['f = lambda x: x * 2', 'lambda functions are not supported here', 1, 5],
	[
		'import torch\nx = torch.tensor(1.0, requires_grad=True)\nx.grad = None',
		'assigning to x.grad is not supported here',
		3,
		1
	],
	[
		'import torch\nimport torch.optim as optim',
		'optimizers (torch.optim) are not supported here: this page shows one forward and backward pass',
		2,
		8
	],
	['import numpy as np', 'NumPy is not available here; use torch tensors', 1, 8],
	[
		'import os',
		'importing os is not supported here; the modules available are torch, torch.nn.functional (as F) and math',
		1,
		8
	],
	[
		'from torch import nn\nlayer = nn.Linear(2, 1)',
		'torch.nn.Linear is not supported here: write the layer out with tensors, such as x @ W + b with W and b created with requires_grad=True, and the functions of torch.nn.functional',
		2,
		12
	],
	[
		'import torch\noptimizer = torch.optim.SGD([], lr=0.1)',
		'optimizers (torch.optim) are not supported here: this page shows one forward and backward pass',
		2,
		19
	],
	[
		'import torch\nh = torch.tensor(1.0)\ny = hh * 2',
		"name 'hh' is not defined; did you mean 'h'?",
		3,
		5
	],
	[
		'import torch\ny = h * 2\nh = torch.tensor(1.0)',
		"name 'h' is used before it is assigned",
		2,
		5
	],
	[
		'import torch\nx = torch.sigmod(torch.tensor(1.0))',
		"torch.sigmod is not supported here; did you mean 'sigmoid'?",
		2,
		11
	],
	[
		'import torch\nx = torch.tensor(1.0)\ny = x.sigmod()',
		"tensors have no attribute 'sigmod' here; did you mean 'sigmoid'?",
		3,
		7
	],
	[
		'import torch\nx = torch.tensor([1.0, 2.0], foo=True)',
		"torch.tensor() got a keyword argument 'foo' that is not supported here",
		2,
		11
	],
	[
		'import torch\nx = torch.tensor([1.0]).sum(axis=0)',
		"sum() got a keyword argument 'axis' that is not supported here",
		2,
		25
	],
	[
		'import torch\nx = torch.randn(3)',
		'random numbers (torch.randn) are not supported here: write the numbers out with torch.tensor([...])',
		2,
		11
	],
	[
		'import torch\nx = torch.tensor(1.0)\nx += 1',
		'augmented assignment (x += ...) is not supported here; write x = x + ...',
		3,
		3
	],
	[
		'import torch\na, b = torch.tensor(1.0), torch.tensor(2.0)',
		'assigning to several names at once (a, b = ...) is not supported here; assign one name per line',
		2,
		1
	],
	[
		'import torch\nx = torch.zeros(3)\nx[0] = 1.0',
		'assigning to x[0] is not supported here: tensors and lists are not changed in place',
		3,
		1
	],
	[
		'xs = [i for i in range(3)]',
		'comprehensions (... for ... in ...) are not supported here: there are no loops',
		1,
		9
	],
	[
		'y = 1 if True else 2',
		'conditional expressions (a if condition else b) are not supported here',
		1,
		7
	],
	[
		'import torch\nx = torch.zeros(10**9)',
		'this makes 1,000,000,000 tensor elements; the limit here is 2,000,000 across all tensors',
		2,
		5
	],
	[
		'import torch\nx = torch.zeros(1000, 1000)\ny = torch.zeros(1000, 1001)',
		'this makes 1,001,000 more tensor elements, 2,001,000 in all; the limit here is 2,000,000 across all tensors',
		3,
		5
	],
	[
		'import torch\na = torch.zeros(4, 2)\nb = torch.zeros(3, 1)\nc = a @ b',
		'mat1 and mat2 shapes cannot be multiplied (4x2 and 3x1)',
		4,
		7
	],
	[
		'import torch\nx = torch.tensor(1.0)\ny = x[0:1]',
		'slices (t[a:b]) are not supported here; index one element at a time, like t[i] or t[i, j]',
		3,
		8
	],
	[
		'import torch\nx = torch.tensor(1.0)\nprint(x.grad.item())',
		"'NoneType' object has no attribute 'item' (x.grad is None: backward() has not been called yet)",
		3,
		14
	],
	[
		'import torch\nx = torch.tensor(1.0, requires_grad=True)\nh = x * 2\nL = h * 3\nL.backward()\nprint(h.grad.item())',
		"'NoneType' object has no attribute 'item' (h.grad is None: PyTorch keeps .grad only for leaf tensors created with requires_grad=True; call h.retain_grad() before backward() to keep it)",
		6,
		14
	],
	[
		'import torch\nx = torch.tensor(1.0, requires_grad=True)\nL = x * 2\nL.backward()\nL.backward()',
		'backward() is called a second time; this page shows one backward pass (PyTorch would also need retain_graph=True)',
		5,
		1
	],
	['x = 1 +', 'invalid syntax: expected a value, found the end of the line', 1, 8],
	['print("hi"', "'(' was never closed", 1, 6],
	['x = (1, 2]', "closing parenthesis ']' does not match opening parenthesis '('", 1, 10],
	['print(1 2)', 'invalid syntax: two values in a row; perhaps you forgot a comma?', 1, 9],
	['  x = 1', 'unexpected indent', 1, 3],
	['x = {1, 2}', 'sets are not supported here', 1, 5],
	['@decorator\ndef f(): pass', 'decorators are not supported here', 1, 1],
	['x = 1\ndel x', 'del is not supported here', 2, 1],
	[
		'import torch\nx = torch.tensor(1.0)\ny = x.cuda()',
		'.cuda is not supported here: everything runs on the CPU in float64',
		3,
		7
	],
	[
		'import torch\nx = torch.tensor([1, 2])\ny = x.float()',
		"changing a tensor's dtype with .float() is not supported here; give dtype= when you create it",
		3,
		7
	],
	[
		'import torch\nx = torch.zeros(2)\nx.zero_()',
		'in-place operations such as .zero_() are not supported here: a tensor is never changed once made',
		3,
		3
	],
	[
		'import torch\nx = torch.tensor(1.0)\ny = x.numpy()',
		'.numpy() is not supported here (there is no NumPy); use .tolist()',
		3,
		7
	],
	['try:\n    x = 1\nexcept:\n    pass', 'try blocks are not supported here', 1, 1],
	['x: int = 1', 'type annotations are not supported here', 1, 2],
	['x = input()', 'input() is not supported here: the program cannot ask for input', 1, 5],
	['print(*[1, 2])', 'unpacking arguments with * is not supported here', 1, 7],
	[
		'x = 5\nx = x if x else 0',
		'conditional expressions (a if condition else b) are not supported here',
		2,
		7
	],
	[
		'import torch\nimport torch.nn.functional as F\nx = F.softmax(torch.zeros(3))',
		'F.softmax() needs dim= here (PyTorch would guess one and warn)',
		3,
		7
	],
	[
		'import torch\nimport torch.nn.functional as F\nx = F.mse_loss(torch.zeros(3), torch.zeros(3), reduction="sum")',
		"F.mse_loss(): reduction='sum' is not supported here; only the mean",
		3,
		7
	],
	['raise ValueError("x")', 'raise is not supported here', 1, 1],
	['x = yield 1', 'yield is not supported here', 1, 5],
	['global x', 'global is not supported here', 1, 1],
	['x = b"bytes"', 'bytes are not supported here', 1, 5],
	['x = ...', '... (Ellipsis) is not supported here', 1, 5],
	['x = 1 | 2', "the operator '|' is not supported here", 1, 7],
	['x = ~1', "the operator '~' is not supported here", 1, 5],
	[
		'import torch\nx = torch.tensor(1.0)\nprint(x.data)',
		'.data is not supported here; use .detach()',
		3,
		9
	],
	[
		'assert 1 == 2, "one is not two"\nprint("after")',
		'AssertionError: one is not two (before the program made a loss to draw)',
		1,
		1
	],
	[
		'import torch\nprint("before")\nx = torch.zeros(2) + torch.zeros(3)',
		'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
		3,
		20
	],
	[
		'import torch\nx = torch.tensor(1.0)\nprint(f"{x.grad:.4f}")',
		'unsupported format string passed to NoneType.__format__',
		3,
		9
	],
	[
		'import torch\nprint(torch.tensor([1.0, 2.0]) < torch.tensor([1.0]))',
		'there is no loss to draw: call loss.backward(), or assign a single-number (0-d) tensor to a name',
		2,
		54
	],
	[
		'import torch.nn as nn\nm = nn.MSELoss()',
		'torch.nn.MSELoss is not supported here: write the layer out with tensors, such as x @ W + b with W and b created with requires_grad=True, and the functions of torch.nn.functional',
		2,
		8
	],
	['from math import gamma', 'math.gamma is not supported here', 1, 18],
	[
		'x = 2 ** 10 ** 10',
		'the result of this ** would have about 10,000,000,000 bits; numbers that large are not supported here',
		1,
		7
	],
	[
		'x = "a" * 10 ** 9',
		'this would make a str of 1,000,000,000 items; the limit here is 2,000,000',
		1,
		9
	],
	[
		'import torch\nx = torch.tensor([[1.0, 2.0], [3.0]])',
		'expected sequence of length 2 at dim 1 (got 1)',
		2,
		11
	],
	[
		'import torch\nx = torch.tensor(1)\nx.requires_grad_()',
		'only Tensors of floating point dtype can require gradients',
		3,
		3
	],
	['print(unknown_function(3))', "name 'unknown_function' is not defined", 1, 7],
	['print(range(3))', 'range() is not supported here: there are no loops', 1, 7],
	['x = 1\nx.foo', 'int.foo is not supported here', 2, 3],
	['x = "abc".upper()', 'str.upper is not supported here', 1, 11],
	['import torch\nt = torch.tensor(1.0)\nprint(len(t))', 'len() of a 0-d tensor', 3, 7],
	[
		'import torch\ny = torch.softmax(torch.zeros(2))',
		'torch.softmax() needs dim= here (PyTorch would guess one and warn)',
		2,
		11
	],
	['x = [1, 2]\nx.append(3)', 'list.append is not supported here', 2, 3],
	[
		'import torch as t\nx = t.tensor(1.0)\nprint(x)\nimport math\nprint(math.sqrt(-1))',
		'math domain error',
		5,
		12
	]
];

describe('malformed and unsupported programs', () => {
	it('are many', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
	});

	it.each(CASES)('%j', (program, message, line, column) => {
		const result = runProgram(program);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect({ message: result.message, line: result.line, column: result.column }).toEqual({
			message,
			line,
			column
		});
		expect(result.printed.at(-1)).toEqual({
			text: errorText(result),
			kind: 'error',
			line
		});
	});
});

describe('runtime errors', () => {
	it('keep what was printed before them', () => {
		const result = runProgram(
			'import torch\nprint("before")\nx = torch.zeros(2) + torch.zeros(3)\nprint("after")'
		);
		expect(result.ok).toBe(false);
		expect(result.printed.map((l) => [l.kind, l.text])).toEqual([
			['print', 'before'],
			[
				'error',
				'line 3, column 20: The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0'
			]
		]);
	});

	it('say "line N, column C: message"', () => {
		const result = runProgram('import torch\n\nfor i in range(3):\n    pass');
		expect(!result.ok && errorText(result)).toBe(
			'line 3, column 1: for loops are not supported here'
		);
	});
});
