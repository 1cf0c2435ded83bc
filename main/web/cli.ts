import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CopydeskError } from '../../shared/api/errors.ts';
import { createBackend } from '../backend/backend.ts';
import { resolveDataDir } from '../backend/paths.ts';
import { startWebServer } from './server.ts';

/**
 * `npm run web [-- --port N --data-dir DIR]`: Copydesk in a browser, on
 * 127.0.0.1 only. Prints exactly one line, `Copydesk ready: <url>`, once it
 * accepts requests.
 */

const DEFAULT_PORT = 4870;
const USAGE = 'Usage: npm run web -- [--port N] [--data-dir DIR]';

function fail(message: string): never {
  process.stderr.write(`Copydesk: ${message}\n`);
  process.exit(1);
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${value}". ${USAGE}`);
  return port;
}

async function main(): Promise<void> {
  let values: { port?: string; 'data-dir'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}. ${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const requestedPort = parsePort(values.port ?? process.env.COPYDESK_PORT);
  const dataDir = resolveDataDir(values['data-dir']);
  const staticDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  if (!existsSync(staticDir)) fail('the renderer is not built. Run "npm run web", which builds it first.');

  let backend;
  try {
    backend = createBackend({ dataDir });
  } catch (error) {
    const message = error instanceof CopydeskError ? error.message : String(error);
    fail(`cannot open the story store in ${dataDir}: ${message}`);
  }

  let server;
  try {
    server = await startWebServer({ backend, staticDir, dataDir, port: requestedPort ?? DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' && requestedPort === undefined) {
      // The default port is taken (another Copydesk?): any free port will do.
      server = await startWebServer({ backend, staticDir, dataDir, port: 0 });
    } else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      backend.close();
      fail(`port ${requestedPort} is already in use. Choose another with --port N.`);
    } else {
      throw error;
    }
  }

  process.stdout.write(`Copydesk ready: ${server.url}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => {
      backend.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
