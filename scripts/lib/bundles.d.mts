export function buildElectronBundles(options: {
  root: string;
  outDir: string;
  only?: Array<'main' | 'preload' | 'backendWorker'>;
}): Promise<{ warnings: unknown[]; outputs: string[] }>;
export function bundleConfigs(root: string, outDir: string): object[];
export function electronVersion(root: string): string;
