export function electronPackageDir(root: string): string;
export function findElectronBinary(root: string): string | null;
export function electronAbi(root: string): string;
export function shortReason(output: string): string;
export function runCaptured(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; onSlow?: () => void; slowAfterMs?: number },
): Promise<{ ok: boolean; output: string; timedOut: boolean }>;
export function ensureElectronBinary(
  root: string,
  options: { timeoutMs: number; onSlow?: () => void },
): Promise<{ ok: true; binary: string } | { ok: false; reason: string }>;
