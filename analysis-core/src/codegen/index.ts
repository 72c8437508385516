/** Code generation's public surface: CUDA + host plan + Python baselines, and the CPU emulation's pieces. */
export { generate, generateWithVerdicts } from './generate.js';
export { EMULATION_CXX_FLAGS, EMULATION_SHIM, emulationMain, emulationSource, type EmulationOptions } from './emulation.js';
export type * from './plan.js';
