/** The chapter's exercises and checks, in the order the explorer's tabs list them. */
export const TOOLS = [
	{ id: 'chain-rule', title: 'Write the chain rule' },
	{ id: 'pytorch', title: 'Verify against PyTorch' },
	{ id: 'finite-differences', title: 'Finite differences' },
	{ id: 'gradient-step', title: 'What the gradient is for' }
] as const;

/** The tools that work on a PyTorch program's tensor graph. */
export const PROGRAM_TOOLS = TOOLS.filter((t) => t.id === 'pytorch');

export type ToolId = (typeof TOOLS)[number]['id'];

export function toolTitle(id: ToolId): string {
	return TOOLS.find((t) => t.id === id)!.title;
}
