import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's torch is installed for the system Python; a pyenv `python3` on PATH may lack it. */
export const PYTHON = '/usr/bin/python3';

export const hasPython = spawnSync(PYTHON, ['--version']).status === 0;

/** Whether tests that run real PyTorch can run here. */
export const hasTorch = hasPython && spawnSync(PYTHON, ['-c', 'import torch']).status === 0;

/** Why those tests are skipped, for the log. */
export const noTorchReason = `${PYTHON} ${hasPython ? 'cannot import torch' : 'is missing'} (apt-get install python3-torch)`;

/** Calls `use` with the scripts written, in order, into a temporary folder as check_backprop_<n>.py
 *  (the folder and the names of the files); removes the folder after. */
function withScriptFiles<T>(scripts: string[], use: (dir: string, files: string[]) => T): T {
	const dir = mkdtempSync(join(tmpdir(), 'check-backprop-'));
	try {
		const files = scripts.map((script, i) => {
			const file = `check_backprop_${i}.py`;
			writeFileSync(join(dir, file), script);
			return file;
		});
		return use(dir, files);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** What py_compile says is wrong with the scripts: '' when every one is valid Python. */
export function syntaxErrors(scripts: string[]): string {
	return withScriptFiles(scripts, (dir, files) => {
		const result = spawnSync(PYTHON, ['-m', 'py_compile', ...files], {
			cwd: dir,
			encoding: 'utf8'
		});
		return result.status === 0 ? result.stderr : result.stderr || `exit status ${result.status}`;
	});
}

/** Runs one script as a learner would (`python3 check_backprop.py`): its exit status and its
 *  output (stdout, then stderr). */
export function runScript(script: string): { status: number | null; out: string } {
	return withScriptFiles([script], (dir, [file]) => {
		const result = spawnSync(PYTHON, [file], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
		return { status: result.status, out: result.stdout + result.stderr };
	});
}

/** Runs each script given as `python3 check_backprop.py` would, its stdout caught; a script that
 *  raises gets status 2 and the exception as its output. */
const DRIVER = [
	'import contextlib, io, json, runpy, sys',
	'for path in sys.argv[1:]:',
	'    out = io.StringIO()',
	'    try:',
	'        with contextlib.redirect_stdout(out):',
	'            runpy.run_path(path, run_name="__main__")',
	'        status = 0',
	'    except SystemExit as e:',
	'        status = e.code',
	'    except Exception as e:',
	'        status, out = 2, io.StringIO(f"{type(e).__name__}: {e}")',
	'    print(json.dumps({"status": status, "out": out.getvalue()}))'
].join('\n');

/** Runs the scripts as runScript does, but all in one Python process, since importing torch
 *  takes a second each time: each one's exit status and stdout, in order. Anything on stderr is
 *  an error. */
export function runScripts(scripts: string[], timeout: number): { status: number; out: string }[] {
	const result = withScriptFiles(scripts, (dir, files) =>
		spawnSync(PYTHON, ['-c', DRIVER, ...files], { cwd: dir, encoding: 'utf8', timeout })
	);
	if (result.error) throw result.error;
	if (result.stderr !== '') throw new Error(`Python wrote to stderr:\n${result.stderr}`);
	return result.stdout
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line));
}
