import torch

x = torch.tensor([0.5, 1.5, 2.0, 3.0], requires_grad=True)
s = torch.sin(x) * torch.cos(x)
a = torch.abs(x - 1.75)
r = torch.sqrt(x) + torch.exp(-x) + torch.log(x)
q = x / 2 + 2 / x - (2 - x) + x ** 3 + 2 ** x + torch.tanh(x)
u = -q + torch.sigmoid(r)
loss = (s + a + u).sum()
loss.backward()
print(f"loss={loss.item():.6f}")
print(f"grad={x.grad[0].item():.6f},{x.grad[3].item():.6f}")
