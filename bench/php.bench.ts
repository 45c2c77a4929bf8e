// The PHP shim's own cost (issue 11): warm invocations of a PHP hello handler through the shim
// against a raw PHP bootstrap doing the same work (the same keep-alive runtime API loop on a TCP
// stream, the handler inlined, json_decode/json_encode), measured side by side in interleaved
// rounds; and the cold start (spawn to result) against a bare `php -r ''`.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveInterpreter } from '../src/core/invoke';
import type { Figure } from './run';
import { coldStart, load, median, spawnWall, warmSideBySide, writeFunction } from './shims.bench';

const COLD_STARTS = 15;
const HELLO_PHP = '<?php\nfunction handler($event, $context) { return [\'hello\' => $event->name]; }\n';
// A hand-written PHP custom runtime, as lean as PHP allows: what the shim does, minus the context,
// the handler lookup and the error handling.
const RAW_BOOTSTRAP_PHP = `<?php
list($host, $port) = explode(':', getenv('RUNTIME_API_ADDR'));
$sock = stream_socket_client("tcp://$host:$port", $errno, $errstr, 5, STREAM_CLIENT_CONNECT, stream_context_create(['socket' => ['tcp_nodelay' => true]]));
stream_set_timeout($sock, 86400);
function call($sock, $method, $path, $body = null) {
  $head = "$method $path HTTP/1.1\\r\\nHost: x\\r\\n" . ($body === null ? '' : 'Content-Type: application/json' . "\\r\\nContent-Length: " . strlen($body) . "\\r\\n");
  fwrite($sock, $head . "\\r\\n" . ($body ?? ''));
  fgets($sock);
  $headers = [];
  while (($line = fgets($sock)) !== "\\r\\n") { $c = strpos($line, ':'); $headers[strtolower(substr($line, 0, $c))] = trim(substr($line, $c + 1)); }
  $n = (int) ($headers['content-length'] ?? 0);
  $data = '';
  while (strlen($data) < $n) { $data .= fread($sock, $n - strlen($data)); }
  return [$headers, $data];
}
for (;;) {
  list($headers, $body) = call($sock, 'GET', '/v1/runtime/invocation/request');
  $event = json_decode($body);
  call($sock, 'POST', '/v1/runtime/invocation/response/' . $headers['x-cff-request-id'], json_encode(['hello' => $event->name]));
}
`;

export default async function bench(): Promise<Figure[]> {
  const php = (await resolveInterpreter('PHP8.3'))?.path;
  if (!php) return [{ name: 'PHP benchmarks skipped: no local php (apt-get install php-cli)', value: NaN, unit: '' }];
  const root = mkdtempSync(path.join(os.tmpdir(), 'fgtk-php-bench-'));
  try {
    const shim = await load(writeFunction(root, 'shim-php', { 'index.php': HELLO_PHP }, 'PHP8.3', 'index.handler'));
    // Xdebug off as for the shim, so that both run the same PHP.
    const raw = await load(writeFunction(root, 'raw-php', { 'bootstrap': `exec ${php} -d xdebug.mode=off $RUNTIME_CODE_ROOT/raw.php\n`, 'raw.php': RAW_BOOTSTRAP_PHP }, 'Custom', 'bootstrap'));

    await coldStart(shim); // resolve the interpreter and load the spawn library once
    const bare: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      bare.push(await spawnWall(php, ['-d', 'xdebug.mode=off', '-r', '']));
      cold.push((await coldStart(shim)).spawnToResult);
    }
    const warm = await warmSideBySide(shim, raw);
    const us = (ms: number) => ms * 1000;
    return [
      { name: 'PHP cold start, hello handler via shim (spawn to result)', value: median(cold), unit: 'ms', baseline: { name: "bare php -r ''", value: median(bare) }, ratio: median(cold) / median(bare) },
      { name: 'PHP warm invocation via shim p50 (median of interleaved rounds)', value: us(median(warm.a)), unit: 'us', baseline: { name: 'raw PHP bootstrap p50', value: us(median(warm.b)) }, ratio: median(warm.ratios), goal: '<= 1.2x raw bootstrap' },
      { name: 'PHP warm shim/raw ratio, best round', value: Math.min(...warm.ratios), unit: 'x' },
      { name: 'PHP warm shim/raw ratio, worst round', value: Math.max(...warm.ratios), unit: 'x' },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
