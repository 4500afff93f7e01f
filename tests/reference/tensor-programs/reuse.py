import torch

a = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
c = torch.tensor(0.5, requires_grad=True)
sq = a * a
sq.retain_grad()
twice = sq + sq
e = torch.exp(c * a)
e.retain_grad()
loss = (twice * e).sum() + c * c
loss.backward()
print(f"loss={loss.item():.6f}")
print(f"sq.grad={sq.grad.tolist()}")
