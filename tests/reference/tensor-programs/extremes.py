import torch
import torch.nn.functional as F

z = torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 999.0, 1000.0]], requires_grad=True)
target = torch.tensor([1, 2])
s = torch.sigmoid(z)
p = F.softmax(z, dim=1)
lp = F.log_softmax(z, dim=0)
ce = F.cross_entropy(z, target)
loss = s.sum() + (p * p).sum() + lp.mean() + ce
loss.backward()
print(f"loss={loss.item():.6f} ce={ce.item():.6f}")
