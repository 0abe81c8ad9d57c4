/**
 * The few numeric primitives the meta neural network needs, behind one seam so that the MLP
 * runs unchanged on the plain TypeScript backend (the reference, `cpu.ts`) or on gpu.js
 * (`gpu/index.ts`, loaded lazily).
 *
 * Conventions: every matrix is a row-major flat array; shapes are passed explicitly. Outputs
 * are written into caller-owned buffers (allocated with {@link Backend.alloc}) so a training
 * loop allocates nothing per step.
 */

/** Storage precision of a backend's buffers. Arithmetic in the JS backend is always double. */
export type Precision = 'float32' | 'float64';

/** A flat buffer of either precision. */
export type FloatArray = Float32Array | Float64Array;

/** Bias-corrected Adam scalars for one step (see `adamStepSize` in `../adam.ts`). */
export interface AdamStep {
  /** lr · √(1 − β₂ᵗ) / (1 − β₁ᵗ): the step size with Keras' bias correction folded in. */
  stepSize: number;
  beta1: number;
  beta2: number;
  /** Added to √v (Keras' "ε hat"), not to the bias-corrected √v̂. */
  epsilon: number;
}

/**
 * Per-row lists of the non-zero columns of a rows × width matrix, so the fused kernels visit
 * only active units. `index[i·width + c]` for c < `count[i]` is the c-th active column of row i
 * (ascending); a NaN entry counts as active so that it propagates.
 */
export interface ActiveSets {
  index: Int32Array;
  count: Int32Array;
}

/**
 * Fused layer operations a backend may offer on top of the primitives; the MLP uses them when
 * present and otherwise composes the primitives. Results equal the primitive composition up to
 * summation order.
 */
export interface FusedLayerOps {
  /** Empty active sets for up to `rows` rows of `width` columns. */
  newActiveSets(rows: number, width: number): ActiveSets;
  /** Records the non-zero columns of each row of h (rows × n) into `sets`. */
  findActive(h: FloatArray, rows: number, n: number, sets: ActiveSets): void;
  /**
   * out (rows × n) = act(h · W + bias), h rows × k, W k × n; act = ReLU when `relu`, else
   * identity. `hSets` must list h's non-zero columns; when `outSets` is given (with `relu`), the
   * active outputs are recorded there for the next layer and the backward pass.
   */
  denseForward(
    h: FloatArray,
    W: FloatArray,
    bias: FloatArray,
    out: FloatArray,
    rows: number,
    k: number,
    n: number,
    relu: boolean,
    hSets: ActiveSets,
    outSets?: ActiveSets,
  ): void;
  /**
   * Backward pass of one dense layer given delta = ∂loss/∂z (rows × n): overwrites
   * dW = hᵀ·delta (k × n) and dBias = column sums of delta, and, when `deltaPrev` is given,
   * deltaPrev = (delta · Wᵀ) ⊙ [h ≠ 0] (rows × k), the ReLU mask when h is a ReLU output.
   * `hSets` lists h's non-zero columns; `deltaSets`, when given, a superset of delta's
   * non-zero columns (otherwise they are searched).
   */
  denseBackward(
    h: FloatArray,
    W: FloatArray,
    delta: FloatArray,
    dW: FloatArray,
    dBias: FloatArray,
    deltaPrev: FloatArray | undefined,
    rows: number,
    k: number,
    n: number,
    hSets: ActiveSets,
    deltaSets?: ActiveSets,
  ): void;
}

/** The primitive operations; implementations must agree within their precision's tolerance. */
export interface Backend {
  /** Short name shown in reports: 'wasm', 'js', 'js (unfused)', 'gpu.js (cpu)', 'gpu.js (gpu)'. */
  readonly name: string;
  readonly precision: Precision;
  /** True when the MLP may use its sparse first-layer path (CSR inputs, JS loops). */
  readonly sparseInputs: boolean;
  /** Optional fused layer kernels (the JS backend has them; gpu.js composes primitives). */
  readonly fused?: FusedLayerOps;
  /** Frees kernels and contexts (gpu.js); the JS backend has nothing to free. */
  dispose?(): void;
  /** A zero-filled buffer of `n` elements in this backend's precision. */
  alloc(n: number): FloatArray;
  /**
   * out (m × n) = op(a) · op(b), where op(a) is m × k and op(b) is k × n; `transA` means `a` is
   * stored k × m, `transB` means `b` is stored n × k. Overwrites `out`.
   */
  matmul(
    a: FloatArray,
    b: FloatArray,
    out: FloatArray,
    m: number,
    k: number,
    n: number,
    transA: boolean,
    transB: boolean,
  ): void;
  /** x (rows × cols) += bias (cols) broadcast over rows, in place. */
  addBias(x: FloatArray, bias: FloatArray, rows: number, cols: number): void;
  /** x = max(x, 0) on the first `n` elements, in place. */
  relu(x: FloatArray, n: number): void;
  /** dy = dy · [y > 0] on the first `n` elements, in place (`y` is the ReLU output). */
  reluGrad(dy: FloatArray, y: FloatArray, n: number): void;
  /** out (cols) = Σ over rows of a (rows × cols). */
  columnSums(a: FloatArray, rows: number, cols: number, out: FloatArray): void;
  /**
   * One Adam step on elements [start, end) of `param`, given `grad` and the first/second moment
   * buffers, updated in place: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
   * param ← param − stepSize · m / (√v + ε).
   */
  adamUpdate(
    param: FloatArray,
    grad: FloatArray,
    firstMoment: FloatArray,
    secondMoment: FloatArray,
    start: number,
    end: number,
    step: AdamStep,
  ): void;
}
