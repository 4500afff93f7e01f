import torch
import torch.nn.functional as F

# linear regression on four points
x = torch.tensor([[0.0], [1.0], [2.0], [3.0]])
y = torch.tensor([[1.0], [2.9], [5.2], [7.1]])
w = torch.tensor([[1.5]], requires_grad=True)
b = torch.tensor([0.5], requires_grad=True)
pred = x @ w + b
loss = F.mse_loss(pred, y)
loss.backward()
print(f"loss={loss.item():.6f} dw={w.grad.item():.6f} db={b.grad.item():.6f}")
