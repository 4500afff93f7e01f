import torch

# a layer on a batch of three: the bias row is broadcast over the batch
X = torch.tensor([[1.0, -2.0], [0.5, 0.25], [-1.5, 3.0]])
W = torch.tensor([[0.2, -0.4, 0.1], [0.7, 0.3, -0.6]], requires_grad=True)
b = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)
scale = torch.tensor([[2.0], [1.0], [0.5]])
A = X @ W + b
R = torch.relu(A)
rows = R.sum(dim=1, keepdim=True)
cols = (R * scale).mean(0)
loss = (rows / 3).sum() + cols.mean() - A.mean(dim=1).sum()
loss.backward()
print(f"loss={loss.item():.6f}")
print(f"rows={rows.shape} cols={cols.shape}")
