import torch
import torch.nn.functional as F

# a two-layer classifier on a batch of 64: 256 inputs, 128 hidden units, 10 classes
# (sin and cos of k squared stand in for random numbers, which cannot be matched)
X = torch.sin(torch.arange(64 * 256).reshape(64, 256) ** 2 * 0.01)
labels = torch.arange(64) % 10
W1 = (torch.cos(torch.arange(256 * 128) ** 2 * 0.37).reshape(256, 128) * 0.1).requires_grad_()
b1 = torch.zeros(128, requires_grad=True)
W2 = (torch.sin(torch.arange(128 * 10) ** 2 * 0.73).reshape(128, 10) * 0.1).requires_grad_()
b2 = torch.zeros(10, requires_grad=True)
H = torch.relu(X @ W1 + b1)
logits = H @ W2 + b2
loss = F.cross_entropy(logits, labels)
loss.backward()
print(f"loss={loss.item():.6f}")
