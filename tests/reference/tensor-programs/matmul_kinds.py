import torch

A = torch.tensor([[1.0, 2.0, 0.5], [-1.0, 0.5, 2.0]], requires_grad=True)
v = torch.tensor([0.3, -0.2, 0.9], requires_grad=True)
u = torch.tensor([1.5, -0.5], requires_grad=True)
Av = A @ v
vv = v @ v
uA = u @ A
At = A.t()
AT = A.T
flat = A.reshape(6)
cols = At.reshape(-1)
grid = flat.view(3, 2)
M = At @ A
loss = Av.sum() + vv + uA.sum() + M[1, 2] + (AT * grid).sum() + cols[4] * 2 + A[1].sum()
loss.backward()
print(f"loss={loss.item():.6f}")
