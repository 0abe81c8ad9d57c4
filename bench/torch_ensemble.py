"""Times PyTorch fitting the BANANAS meta-network ensemble on the same data as bench/ensemble-fit.ts.

Usage: python3 torch_ensemble.py DATA_DIR N D EPOCHS REPEATS WARMUP
Reads DATA_DIR/x.f32 (N x D float32, row-major) and DATA_DIR/y.f64 (N float64), fits
5 nets (D -> 10 x Dense(20, ReLU) -> Dense(1)), Adam(lr 0.01, betas 0.9/0.99, eps 1e-7),
L1 loss, batch 32 reshuffled per epoch, on one CPU thread, and prints one JSON line with the
median wall and CPU seconds per ensemble fit (warm-up fits excluded).
"""
import json
import statistics
import sys
import time

import numpy as np
import torch


def build(d):
    layers = []
    width_in = d
    for _ in range(10):
        layers += [torch.nn.Linear(width_in, 20), torch.nn.ReLU()]
        width_in = 20
    layers.append(torch.nn.Linear(20, 1))
    net = torch.nn.Sequential(*layers)
    for m in net:
        if isinstance(m, torch.nn.Linear):
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    return net


def fit_ensemble(x, y, epochs):
    n = x.shape[0]
    for _ in range(5):
        net = build(x.shape[1])
        opt = torch.optim.Adam(net.parameters(), lr=0.01, betas=(0.9, 0.99), eps=1e-7)
        loss_fn = torch.nn.L1Loss()
        for _ in range(epochs):
            order = torch.randperm(n)
            for start in range(0, n, 32):
                idx = order[start:start + 32]
                opt.zero_grad()
                loss = loss_fn(net(x[idx]).squeeze(1), y[idx])
                loss.backward()
                opt.step()


def main():
    data_dir, n, d, epochs, repeats, warmup = sys.argv[1], *map(int, sys.argv[2:7])
    torch.set_num_threads(1)
    torch.manual_seed(0)
    x = torch.from_numpy(np.fromfile(f"{data_dir}/x.f32", dtype=np.float32).reshape(n, d))
    y = torch.from_numpy(np.fromfile(f"{data_dir}/y.f64", dtype=np.float64).astype(np.float32))
    wall, cpu = [], []
    for i in range(warmup + repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fit_ensemble(x, y, epochs)
        if i >= warmup:
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "wall_s": statistics.median(wall), "cpu_s": statistics.median(cpu)}))


if __name__ == "__main__":
    main()
