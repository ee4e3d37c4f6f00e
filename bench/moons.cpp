// A hand-written C++ scalar loop of micrograd's moons demo: MLP(2, [16, 16, 1]) with ReLU hidden layers,
// SVM loss mean(relu(1 - y * score)) + 1e-4 * sum(p^2), full-batch SGD with lr = 1 - 0.9 k / steps.
// Forward and backward by hand, in the same floating-point order as the object engine (so the losses
// match it exactly), over every example on every step (no skipping of examples whose hinge is inactive).
//
// Build: g++ -O2 -o moons moons.cpp      Run: ./moons WORKLOAD.txt [--skip-zero]
// WORKLOAD.txt (written by bench/workload.ts): n nparams steps alpha, then x (2n), y (n), params.
// Prints one JSON line: {"seconds", "losses": [...], "final_loss"}; the time covers the training loop.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

constexpr int NIN = 2, H1 = 16, H2 = 16;

struct Params {
  double w1[H1][NIN], b1[H1];
  double w2[H2][H1], b2[H2];
  double w3[H2], b3;
};

// Flat order of MLP.parameters(): per neuron, its weights then its bias.
static void unpack(const double* p, Params& P) {
  for (int j = 0; j < H1; j++) {
    for (int i = 0; i < NIN; i++) P.w1[j][i] = *p++;
    P.b1[j] = *p++;
  }
  for (int k = 0; k < H2; k++) {
    for (int j = 0; j < H1; j++) P.w2[k][j] = *p++;
    P.b2[k] = *p++;
  }
  for (int k = 0; k < H2; k++) P.w3[k] = *p++;
  P.b3 = *p++;
}

static double* flat(Params& P, int idx) {  // the idx-th parameter in MLP.parameters() order
  static const int per1 = NIN + 1, per2 = H1 + 1;
  if (idx < H1 * per1) {
    int j = idx / per1, i = idx % per1;
    return i < NIN ? &P.w1[j][i] : &P.b1[j];
  }
  idx -= H1 * per1;
  if (idx < H2 * per2) {
    int k = idx / per2, j = idx % per2;
    return j < H1 ? &P.w2[k][j] : &P.b2[k];
  }
  idx -= H2 * per2;
  return idx < H2 ? &P.w3[idx] : &P.b3;
}

static inline double relu(double x) { return x > 0 ? x : 0.0; }

int main(int argc, char** argv) {
  if (argc < 2 || (argc > 2 && std::string(argv[2]) != "--skip-zero")) {
    std::fprintf(stderr, "usage: moons WORKLOAD.txt [--skip-zero]\n");
    return 2;
  }
  // --skip-zero: skip the backward of examples and neurons whose gradient is exactly 0 (as the compiled
  // path does); the results are the same, since all values are finite here
  const bool skip_zero = argc > 2;
  FILE* f = std::fopen(argv[1], "r");
  if (!f) {
    std::perror(argv[1]);
    return 2;
  }
  int n, np, steps;
  double alpha;
  if (std::fscanf(f, "%d %d %d %lf", &n, &np, &steps, &alpha) != 4) return 3;
  std::vector<double> X(2 * n), Y(n), flatp(np);
  for (auto& v : X) std::fscanf(f, "%lf", &v);
  for (auto& v : Y) std::fscanf(f, "%lf", &v);
  for (auto& v : flatp) std::fscanf(f, "%lf", &v);
  std::fclose(f);
  if (np != H1 * (NIN + 1) + H2 * (H1 + 1) + H2 + 1) return 4;

  Params P, G;
  unpack(flatp.data(), P);
  // per-example activations kept for the backward pass
  std::vector<double> act1(n * H1), h1(n * H1), act2(n * H2), h2(n * H2), score(n), hinge(n);
  std::vector<double> losses;
  const double inv_n = 1.0 / n;

  auto forward = [&]() {
    double data_loss = 0;
    for (int s = 0; s < n; s++) {
      const double* x = &X[2 * s];
      for (int j = 0; j < H1; j++) {
        double a = P.b1[j];
        for (int i = 0; i < NIN; i++) a = a + P.w1[j][i] * x[i];
        act1[s * H1 + j] = a;
        h1[s * H1 + j] = relu(a);
      }
      for (int k = 0; k < H2; k++) {
        double a = P.b2[k];
        for (int j = 0; j < H1; j++) a = a + P.w2[k][j] * h1[s * H1 + j];
        act2[s * H2 + k] = a;
        h2[s * H2 + k] = relu(a);
      }
      double sc = P.b3;
      for (int k = 0; k < H2; k++) sc = sc + P.w3[k] * h2[s * H2 + k];
      score[s] = sc;
      hinge[s] = relu(sc * -Y[s] + 1);
      data_loss = s == 0 ? hinge[0] : data_loss + hinge[s];
    }
    double reg = 0;
    for (int i = 0; i < np; i++) {
      double p = *flat(P, i);
      reg = i == 0 ? p * p : reg + p * p;
    }
    return data_loss * inv_n + reg * alpha;
  };

  auto t0 = std::chrono::steady_clock::now();
  for (int k = 0; k < steps; k++) {
    double loss = forward();
    losses.push_back(loss);
    // backward, in the object engine's order: the L2 term first, then the examples last to first
    G = Params{};
    for (int i = 0; i < np; i++) {
      double p = *flat(P, i), g = alpha;  // d loss / d (p*p) = alpha
      double* gp = flat(G, i);
      *gp += p * g;
      *gp += p * g;
    }
    const double g_hinge = inv_n;
    double gh1[H1];
    for (int s = n - 1; s >= 0; s--) {
      double g_inner = hinge[s] > 0 ? g_hinge : 0;
      if (skip_zero && g_inner == 0) continue;  // an example past the margin: all its gradients are 0
      double g_score = 0.0 + -Y[s] * g_inner;  // 0 + ...: the engine adds into a zeroed grad
      double gh2[H2];
      for (int kk = H2 - 1; kk >= 0; kk--) {
        G.w3[kk] += h2[s * H2 + kk] * g_score;
        gh2[kk] = P.w3[kk] * g_score;
      }
      G.b3 += g_score;
      for (int j = 0; j < H1; j++) gh1[j] = 0;
      for (int kk = H2 - 1; kk >= 0; kk--) {
        double ga = h2[s * H2 + kk] > 0 ? gh2[kk] : 0;
        if (skip_zero && ga == 0) continue;  // a dead ReLU
        for (int j = H1 - 1; j >= 0; j--) {
          G.w2[kk][j] += h1[s * H1 + j] * ga;
          gh1[j] += P.w2[kk][j] * ga;
        }
        G.b2[kk] += ga;
      }
      for (int j = H1 - 1; j >= 0; j--) {
        double ga = h1[s * H1 + j] > 0 ? gh1[j] : 0;
        if (skip_zero && ga == 0) continue;
        for (int i = NIN - 1; i >= 0; i--) G.w1[j][i] += X[2 * s + i] * ga;
        G.b1[j] += ga;
      }
    }
    const double lr = 1.0 - (0.9 * k) / steps;
    for (int i = 0; i < np; i++) *flat(P, i) -= lr * *flat(G, i);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double final_loss = forward();
  std::printf("{\"seconds\": %.9f, \"final_loss\": %.17g, \"losses\": [", seconds, final_loss);
  for (size_t i = 0; i < losses.size(); i++) std::printf("%s%.17g", i ? ", " : "", losses[i]);
  std::printf("]}\n");
  return 0;
}
