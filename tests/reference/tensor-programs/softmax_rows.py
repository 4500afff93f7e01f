import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]], requires_grad=True)
weights = torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 2.0]])
target = torch.tensor([1, 3]) // 2
P = F.softmax(logits, dim=1)
Q = torch.softmax(logits, 0)
L = F.log_softmax(logits, dim=1)
nll = F.nll_loss(L, target)
first = P[0]
corner = Q[1, 2]
loss = (P * weights).sum() + corner * 3 + nll + first.sum()
loss.backward()
print(f"loss={loss.item():.6f} nll={nll.item():.6f}")
