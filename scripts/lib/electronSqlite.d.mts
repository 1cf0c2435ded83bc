export interface ElectronTarget {
  electronVersion: string;
  abi: string;
  platform?: string;
  arch?: string;
}
export function hasAbiMarker(bytes: Uint8Array, abi: string): boolean;
export function electronSqliteDir(root: string, target: Omit<ElectronTarget, 'abi'>): string;
export function findElectronSqlite(root: string, target: ElectronTarget): string | null;
export function ensureElectronSqlite(
  root: string,
  target: ElectronTarget & { timeoutMs: number; onSlow?: () => void },
): Promise<{ ok: true; binary: string; built: boolean } | { ok: false; reason: string }>;
