// The parts of the page a PyTorch program shows, in one chunk the page loads with the first
// program (they bring the tensor graph and its op table, which the scalar page never needs).
export { default as ProgramOutput } from './ProgramOutput.svelte';
export { default as TensorFormula } from './TensorFormula.svelte';
export { default as TensorSliders } from './TensorSliders.svelte';
export { default as TensorView } from './TensorView.svelte';
