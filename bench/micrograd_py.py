"""A micrograd-equivalent Python engine for the benchmark (written from micrograd's public algorithm).

Three engines, all pure Python floats with micrograd's graph and arithmetic:

  opcodes  (default) each Value stores an op code and its parents; backward() is one method with an
           if/elif per op — no closure per node, so no reference cycles for the GC to chase. Tuned with
           __slots__ (micrograd's Value has none).
  dict     the same engine without __slots__: attributes in each instance's dict, as micrograd keeps them.
  closures like the original micrograd: each op stores a `_backward` closure and the parents in a set
           (slow: the closures create reference cycles; ~160-220 s on the benchmark machine).

Usage: python3 micrograd_py.py WORKLOAD.json [--engine=opcodes|dict|closures]
Runs micrograd's moons demo (MLP(2, [16, 16, 1]), SVM loss + 1e-4 L2, full-batch SGD with
lr = 1.0 - 0.9 k / steps) from the workload's data and initial parameters, and prints one JSON line:
{"engine", "seconds", "losses", "final_loss"}. The time covers the training loop only (graph building,
backward and updates), not reading the file.
"""

import json
import sys
import time

LEAF, ADD, MUL, RELU, POW = 0, 1, 2, 3, 4


def op_code_engine(slots):
    """The op-code engine's Value class: with __slots__ (tuned) or with its attributes in each instance's
    dict, as micrograd's Value keeps them. Nothing else differs."""

    class Value:
        """A scalar with its gradient; op code and parents instead of a closure."""

        if slots:
            __slots__ = ("data", "grad", "_op", "_a", "_b", "_k")

        def __init__(self, data, op=LEAF, a=None, b=None, k=0.0):
            self.data = data
            self.grad = 0.0
            self._op = op
            self._a = a
            self._b = b
            self._k = k

        def __add__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data + other.data, ADD, self, other)

        def __mul__(self, other):
            other = other if isinstance(other, Value) else Value(other)
            return Value(self.data * other.data, MUL, self, other)

        def __pow__(self, k):
            return Value(self.data**k, POW, self, None, k)

        def relu(self):
            return Value(0.0 if self.data < 0 else self.data, RELU, self)

        def __neg__(self):
            return self * -1

        def __radd__(self, other):
            return self + other

        def __sub__(self, other):
            return self + (-other)

        def __rsub__(self, other):
            return other + (-self)

        def __rmul__(self, other):
            return self * other

        def __truediv__(self, other):
            return self * other**-1

        def _backward(self):
            a, b, g = self._a, self._b, self.grad
            op = self._op
            if op == ADD:
                a.grad += g
                b.grad += g
            elif op == MUL:
                a.grad += b.data * g
                b.grad += a.data * g
            elif op == RELU:
                a.grad += (self.data > 0) * g
            elif op == POW:
                a.grad += (self._k * a.data ** (self._k - 1)) * g

        def backward(self):
            # topological order, iteratively, visiting parents in argument order (like micrograd's build_topo)
            topo = []
            visited = set()
            stack = [(self, False)]
            while stack:
                v, done = stack.pop()
                if done:
                    topo.append(v)
                    continue
                if v in visited:
                    continue
                visited.add(v)
                stack.append((v, True))
                if v._b is not None:
                    stack.append((v._b, False))
                if v._a is not None:
                    stack.append((v._a, False))
            self.grad = 1.0
            for v in reversed(topo):
                if v._op != LEAF:
                    v._backward()

    return Value


Value = op_code_engine(slots=True)
DictValue = op_code_engine(slots=False)


class ClosureValue:
    """The original micrograd Value: a `_backward` closure per node and `_prev` as a set."""

    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, ClosureValue) else ClosureValue(other)
        out = ClosureValue(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, ClosureValue) else ClosureValue(other)
        out = ClosureValue(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def relu(self):
        out = ClosureValue(0 if self.data < 0 else self.data, (self,), "ReLU")

        def _backward():
            self.grad += (out.data > 0) * out.grad

        out._backward = _backward
        return out

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def backward(self):
        topo = []
        visited = set()

        def build_topo(v):
            if v not in visited:
                visited.add(v)
                for child in v._prev:
                    build_topo(child)
                topo.append(v)

        build_topo(self)
        self.grad = 1
        for v in reversed(topo):
            v._backward()


class Neuron:
    def __init__(self, w, b, nonlin):
        self.w, self.b, self.nonlin = w, b, nonlin

    def __call__(self, x):
        act = sum((wi * xi for wi, xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]


class MLP:
    """micrograd's MLP, with its parameters taken from a flat list (w0..w_{nin-1}, b per neuron)."""

    def __init__(self, sizes, flat, V):
        self.layers = []
        it = iter(flat)
        for i in range(len(sizes) - 1):
            neurons = []
            for _ in range(sizes[i + 1]):
                w = [V(next(it)) for _ in range(sizes[i])]
                neurons.append(Neuron(w, V(next(it)), i != len(sizes) - 2))
            self.layers.append(neurons)

    def __call__(self, x):
        for layer in self.layers:
            x = [n(x) for n in layer]
        return x[0]

    def parameters(self):
        return [p for layer in self.layers for n in layer for p in n.parameters()]


def run(workload, V):
    xs, ys, steps = workload["xs"], workload["ys"], workload["steps"]
    model = MLP(workload["sizes"], workload["params"], V)
    params = model.parameters()
    losses = []

    def loss():
        inputs = [list(map(V, xrow)) for xrow in xs]
        scores = list(map(model, inputs))
        data_losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(ys, scores)]
        data_loss = sum(data_losses) * (1.0 / len(data_losses))
        reg_loss = workload["alpha"] * sum(p * p for p in params)
        return data_loss + reg_loss

    t0 = time.perf_counter()
    for k in range(steps):
        total = loss()
        for p in params:
            p.grad = 0.0
        total.backward()
        lr = 1.0 - 0.9 * k / steps
        for p in params:
            p.data -= lr * p.grad
        losses.append(total.data)
    seconds = time.perf_counter() - t0
    return seconds, losses, loss().data


def main():
    path = sys.argv[1]
    engines = {"opcodes": Value, "dict": DictValue, "closures": ClosureValue}
    engine = "opcodes"
    for arg in sys.argv[2:]:
        name = arg.removeprefix("--engine=")
        if name not in engines:
            sys.exit(f"micrograd_py.py: unknown engine {arg!r} (use --engine=opcodes|dict|closures)")
        engine = name
    with open(path) as f:
        workload = json.load(f)
    seconds, losses, final = run(workload, engines[engine])
    print(json.dumps({"engine": engine, "seconds": seconds, "losses": losses, "final_loss": final}))


if __name__ == "__main__":
    main()
