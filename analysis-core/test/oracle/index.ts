/**
 * The brute-force dependence oracle used as ground truth by the property tests (DESIGN.md §4, §9).
 * Independent of Loupe's analysis: it works on its own small model of an affine nest, renders that model
 * to Python for Loupe, and enumerates it for the truth.
 *
 *   const { source, loopLines } = renderPython(model);   // what Loupe analyses
 *   const truth = oracle(model, { n: 4, k: 1 });          // what it must agree with
 */
export {
  accessesOf,
  affine,
  assign,
  evalAffine,
  loop,
  loopsOf,
  loupeBindingsLine,
  nestModel,
  parseAffine,
  ref,
  renderAffine,
  renderPython,
  stmtsOf,
  toAffine,
  validateModel,
  type Access,
  type AccessMode,
  type Affine,
  type AffineLike,
  type ArrayDecl,
  type ArrayRef,
  type AssignOp,
  type Loop,
  type LoopNestModel,
  type ModelNode,
  type RenderedPython,
  type RenderOptions,
  type Stmt,
} from './model.js';
export {
  extentsOf,
  iterationValues,
  oracle,
  traceAccesses,
  type AccessEvent,
  type AccessInstance,
  type CarriedWitness,
  type DependenceKind,
  type Dir,
  type IterationPoint,
  type LoopReport,
  type OracleDependence,
  type OracleOptions,
  type OracleResult,
  type Trace,
  type Witness,
} from './enumerate.js';
export {
  bindingsArb,
  nestCaseArb,
  nestModelArb,
  withNonNegativeSubscripts,
  type NestArbitraryOptions,
  type NestCase,
} from './arbitrary.js';
