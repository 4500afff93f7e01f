import { spawnSync } from 'node:child_process';

/** Debian's torch is installed for the system Python; a pyenv `python3` on PATH may lack it. */
export const PYTHON = '/usr/bin/python3';

export const hasPython = spawnSync(PYTHON, ['--version']).status === 0;

/** Whether tests that run real PyTorch can run here. */
export const hasTorch = hasPython && spawnSync(PYTHON, ['-c', 'import torch']).status === 0;

/** Why those tests are skipped, for the log. */
export const noTorchReason = `${PYTHON} ${hasPython ? 'cannot import torch' : 'is missing'} (apt-get install python3-torch)`;
