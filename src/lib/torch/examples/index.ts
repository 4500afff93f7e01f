import bigClassifier from './big_classifier.py?raw';
import chapter from './chapter.py?raw';
import crossEntropy from './cross_entropy.py?raw';
import mlpBatch from './mlp_batch.py?raw';

/** PyTorch programs the graph menu offers; each is also a reference program the tests run
 *  under real PyTorch (tests/reference/tensor-programs/). */
export const PROGRAM_PRESETS = [
	{
		id: 'chapter-script',
		title: 'The chapter’s script (PyTorch)',
		description: 'check_backprop.py from the chapter: the same network, as tensors w and x.',
		source: chapter
	},
	{
		id: 'xor-batch',
		title: 'XOR MLP on a batch (PyTorch)',
		description: 'A 2-2-1 tanh/sigmoid network on all four XOR examples at once.',
		source: mlpBatch
	},
	{
		id: 'softmax-cross-entropy',
		title: 'Softmax and cross-entropy (PyTorch)',
		description: 'Two examples, three classes: F.cross_entropy on logits x @ W.',
		source: crossEntropy
	},
	{
		id: 'big-classifier',
		title: 'A two-layer classifier, batch of 64 (PyTorch)',
		description: '256 inputs, 128 hidden units, 10 classes: 34,186 parameters in ten tensors.',
		source: bigClassifier
	}
] as const;

export type ProgramPresetId = (typeof PROGRAM_PRESETS)[number]['id'];
