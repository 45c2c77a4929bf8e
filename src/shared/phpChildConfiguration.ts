// The child session a PHP function's F5 starts: a `php` launch configuration for the PHP Debug
// extension (xdebug.php-debug), which listens for Xdebug. Plain data, so the extension builds it
// and the gated DAP test (test/dap/phpDebugAdapter.test.ts) hands the very same object to the real
// PHP Debug adapter. Keys as that adapter reads them (its LaunchRequestArguments).
import * as path from 'node:path';
import type { StartChildBody } from './dapProtocol';

/** The `php` debugger comes from an extension (PHP Debug, xdebug.php-debug); we do not ship one. */
export const PHP_DEBUG_TYPE = 'php';

export interface PhpChildConfiguration {
  type: typeof PHP_DEBUG_TYPE;
  request: 'launch';
  name: string;
  hostname: string;
  port: number;
  stopOnEntry: false;
  log: false;
  skipFiles: string[];
  /** Xdebug's path (the server side) → the editor's. */
  pathMappings?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * PHP Debug listens on the port (no `program`: it only waits for Xdebug to connect). Its own
 * stopOnEntry would stop on our shim's first line: for stopOnEntry the shim breaks itself, on the
 * first line of the user's code. Stepping out of the handler never lands in our shim
 * (`shimsDir`, the folder of the shipped shims): PHP Debug steps on through files in skipFiles.
 */
export function phpChildConfiguration(body: StartChildBody, name: string, shimsDir: string): PhpChildConfiguration {
  return {
    type: PHP_DEBUG_TYPE, request: 'launch', name, hostname: body.host, port: body.port, stopOnEntry: false, log: false,
    skipFiles: [path.join(shimsDir, '**')],
    // Xdebug names files by their real path; the editor has them open under the linked one.
    ...(body.realFunctionDir ? { pathMappings: { [body.realFunctionDir]: body.functionDir } } : {}),
  };
}
