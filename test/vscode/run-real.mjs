#!/usr/bin/env node
// The vscode tier of `npm test`: the extension's Mocha suite inside a real VS Code, headless, with
// nothing downloaded (modelled on ../shared/tools/vscode-real/, whose README explains each step):
//
//   code-server (VS Code 1.100 server + Node extension host) <-- 127.0.0.1:<free port> --> chromium
//   (headless, driven by playwright-core over CDP, loads the real workbench)
//
// Four runs of the same workspace: `zh` (VS Code in zh-cn), `trusted` (smoke test + the user journeys), `untrusted`
// (Workspace Trust on, folder not trusted) and `templates` (every template created, linted and run
// with F5: minutes, not seconds, so a run of its own with its own time limit). The workbench calls
// window.codeAutomationLog for the extension host's console and window.codeAutomationExit(code)
// when the suite's run() settles.
// The suite talks to us with `@@` lines on its console (see suite/index.ts, suite/helpers.ts):
// `@@do ID screenshot NAME` → test-output/vscode/NAME.png, acknowledged in a file the
// test polls; `@@do ID statusbar` → the status bar entries' texts in that file; `@@failure {...}`; `@@result {...}`.
// run-all.mjs builds dist/ before this tier; we only compile the suite (out/test/vscode/).
//
// Usage: node test/vscode/run-real.mjs [--runs trusted,untrusted,templates] [--grep TEXT] [--keep] [--timeout SEC]
//        (--timeout: for every run; by default each run's own, see RUNS)
// Env:   FGTK_VSCODE_VERBOSE=1 prints code-server's log and the browser console as they come;
//        CHROMIUM (default /usr/bin/chromium).
// Ends with one line `N passed, N failed` (run-all.mjs reads it); exit code 0, 1 (a test failed or a
// run broke) or 124 (timed out). Every process is started in its own process group and ended by PID.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { parseArgs } from 'node:util';
import { compileSuite, repoRoot } from './compile-suite.mjs';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.FGTK_VSCODE_RUNS ?? 'trusted,untrusted,templates,zh' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    timeout: { type: 'string' },
  },
});
const verbose = process.env.FGTK_VSCODE_VERBOSE === '1';
const chromiumBin = process.env.CHROMIUM ?? '/usr/bin/chromium';
const outputDir = path.join(repoRoot, 'test-output', 'vscode');
const fixtureWorkspace = path.join(repoRoot, 'test', 'vscode', 'workspace');

// What each run opens and how (see the file header); timeoutS: how long its suite may take.
const RUNS = {
  trusted: { trust: false, timeoutS: 420 },
  untrusted: { trust: true, timeoutS: 240 },
  templates: { trust: false, timeoutS: 900 }, // 900: the Java runtimes' 36 templates each compile a JAR
  // VS Code in zh-cn (a stand-in language pack, test/vscode/fixtures/language-pack-zh-cn): our strings in Chinese.
  zh: { trust: false, timeoutS: 120, locale: 'zh-cn' },
};

// Workbench start-up chatter that reaches codeAutomationLog; shown only with FGTK_VSCODE_VERBOSE=1.
const WORKBENCH_NOISE = [
  /^Resolving connection token/, /^Resolved connection token/, /^Creating a socket/,
  /^Ignoring fetching additional builtin extensions/, /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/, /^ChatSessionStore:/, /^\[reconnection-grace-time\]/,
  // Expected in the untrusted run: in test mode VS Code refuses to show its "Do you trust...?" dialog.
  /^DialogService: refused to show dialog in tests/,
];

const t0 = Date.now();
const log = (...a) => console.log(`[vscode ${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ processes
const started = []; // { name, pid }: each a process-group leader we spawned
let scratchRoot; // the current run's scratch folder
let interrupted = false; // SIGINT/SIGTERM: stop everything, start nothing more

function spawnGroup(name, cmd, args, options) {
  if (interrupted) throw new Error('interrupted');
  // detached: the child leads a new process group, so everything it forks (code-server → server →
  // extension host → the functions under test; chromium's zygotes) ends with one kill(-pid).
  const child = spawn(cmd, args, { ...options, detached: true });
  started.push({ name, pid: child.pid });
  if (verbose) log(`started ${name} pid=${child.pid}`);
  return child;
}

const groupAlive = (pid) => { try { process.kill(-pid, 0); return true; } catch { return false; } };

async function endGroup({ name, pid }) {
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    if (!groupAlive(pid)) return;
    try { process.kill(-pid, signal); } catch { /* already gone */ }
    for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(100);
  }
  if (groupAlive(pid)) log(`WARNING: ${name} (process group ${pid}) survived SIGKILL`);
}

/** Processes whose working folder is inside `root` though their group is gone: orphans someone started in another group. */
function strayProcessesUnder(root) {
  const stray = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === root || cwd.startsWith(root + path.sep)) {
        stray.push({ pid: Number(entry), cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() });
      }
    } catch { /* exited, or not ours to read */ }
  }
  return stray;
}

async function endAll(scratch) {
  while (started.length) await endGroup(started.pop());
  if (!scratch) return;
  const stray = strayProcessesUnder(scratch).filter((p) => p.pid !== process.pid);
  for (const p of stray) {
    log(`WARNING: process left running inside the test workspace (not in code-server's process group): ${p.pid} ${p.cmd}`);
    try { process.kill(p.pid, 'SIGKILL'); } catch { /* gone */ }
  }
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return;
    interrupted = true;
    log(`got ${sig}; stopping code-server and chromium`);
    void endAll(scratchRoot).finally(() => {
      if (scratchRoot && !opts.keep) rmSync(scratchRoot, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function onLines(stream, onLine) {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) { onLine(buffer.slice(0, i)); buffer = buffer.slice(i + 1); }
  });
  stream.on('end', () => { if (buffer) onLine(buffer); });
}

// ------------------------------------------------------------------ setup
function runSetup() {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(repoRoot, 'test', 'vscode', 'setup.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const dir = out.trim().split('\n').pop();
      if (code === 0 && dir && existsSync(dir)) resolve(dir);
      else reject(new Error(`test/vscode/setup.sh failed (exit ${code})`));
    });
  });
}

/** Runs a tool to its end; rejects with its output when it fails. */
function runTool(cmd, args, cwd, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${code}): ${out}`))));
  });
}

/** Installs a .vsix into this run's extensions folder with code-server's own --install-extension. */
function installVsix(vsix, { codeServerDir, env, scratch, dirs }) {
  return runTool(process.execPath, [
    path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions, '--install-extension', vsix,
  ], scratch, env);
}

// ------------------------------------------------------------------ a language pack
/**
 * VS Code runs in a locale only when a language pack for it is installed, and none can be downloaded
 * here: package our empty stand-in (test/vscode/fixtures/language-pack-<locale>) and install it into
 * this run's extensions folder with code-server's own --install-extension.
 */
async function installLanguagePack(locale, { codeServerDir, env, scratch, dirs }) {
  const source = path.join(repoRoot, 'test', 'vscode', 'fixtures', `language-pack-${locale}`);
  const vsix = path.join(scratch, `language-pack-${locale}.vsix`);
  await runTool(path.join(repoRoot, 'node_modules', '.bin', 'vsce'), ['package', '--allow-missing-repository', '-o', vsix], source, env);
  await installVsix(vsix, { codeServerDir, env, scratch, dirs });
  // The server reads the installed packs from languagepacks.json, which only the desktop app writes.
  const manifest = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = path.join(dirs.extensions, `${id}-${manifest.version}`);
  writeFileSync(path.join(dirs['user-data'], 'languagepacks.json'), JSON.stringify({
    [locale]: {
      hash: `${id}-${manifest.version}`,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: path.join(installed, 'translations', 'main.i18n.json') },
      label: manifest.contributes.localizations[0].localizedLanguageName,
    },
  }, null, 2));
}

// ------------------------------------------------------------------ one run
/** Starts code-server and chromium, runs the suite in the workbench, returns the outcome. */
async function runOnce(kind, { codeServerDir, suiteEntry, chromium }) {
  const { trust, locale } = RUNS[kind];
  const timeoutS = Number(opts.timeout ?? RUNS[kind].timeoutS);
  const scratch = mkdtempSync(path.join(os.tmpdir(), `fgtk-${kind.slice(0, 2)}-`));
  scratchRoot = scratch;
  const dirs = {};
  for (const d of ['user-data', 'extensions', 'xdg', 'chromium', 't', 'ack']) mkdirSync(dirs[d] = path.join(scratch, d), { recursive: true });
  // The journeys create files: each run gets its own copy of the fixture workspace.
  const workspace = path.join(scratch, 'my-functions');
  cpSync(fixtureWorkspace, workspace, { recursive: true });

  mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.enableExperiments': false,
    'workbench.tips.enabled': false,
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'npm.fetchOnlinePackageInfo': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'git.enabled': false,
    'security.workspace.trust.enabled': trust,
    // No modal trust prompt: the folder simply stays untrusted (Restricted Mode).
    'security.workspace.trust.startupPrompt': 'never',
  }, null, 2));
  const configFile = path.join(scratch, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\n');

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: dirs.xdg, XDG_DATA_HOME: dirs.xdg, XDG_CACHE_HOME: dirs.xdg,
    // Sockets (vscode-ipc-*.sock) and caches go to os.tmpdir(): keep them short and in the scratch folder.
    TMPDIR: dirs.t, TMP: dirs.t, TEMP: dirs.t,
    EXTENSIONS_GALLERY: '{}',
    CS_DISABLE_GETTING_STARTED_OVERRIDE: '1',
    // Read by the suite in the extension host (code-server passes its environment on).
    FGTK_VSCODE_RUN: kind,
    FGTK_RUNNER_ACK_DIR: dirs.ack,
    ...(opts.grep ? { FGTK_VSCODE_GREP: opts.grep } : {}),
  };
  for (const k of ['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'GITHUB_TOKEN', 'VSCODE_IPC_HOOK_CLI', 'VSCODE_PROXY_URI']) delete env[k];

  if (locale) await installLanguagePack(locale, { codeServerDir, env, scratch, dirs });
  // The PHP Debug extension (xdebug.php-debug) cannot be downloaded here: where a developer built its
  // .vsix outside this repository (README, "PHP handlers"), FGTK_PHP_DEBUG_VSIX names it and the trusted
  // run installs it, so suite/phpDebugExtension.test.ts runs instead of skipping.
  if (kind === 'trusted' && process.env.FGTK_PHP_DEBUG_VSIX) await installVsix(process.env.FGTK_PHP_DEBUG_VSIX, { codeServerDir, env, scratch, dirs });
  const serverLog = [];
  const server = spawnGroup('code-server', process.execPath, [
    path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    '--config', configFile, '--auth', 'none', '--bind-addr', authority,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--disable-proxy',
    '--ignore-last-opened',
    ...(trust ? [] : ['--disable-workspace-trust']),
    ...(locale ? ['--locale', locale] : []),
    '--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions,
    workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], cwd: scratch });
  const ready = new Promise((resolve) => {
    const onLine = (line) => {
      serverLog.push(line);
      if (verbose) console.log(`[server] ${line}`);
      if (/HTTP server listening on/.test(line)) resolve('ready');
    };
    onLines(server.stdout, onLine);
    onLines(server.stderr, onLine);
  });
  const serverExit = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  const startup = await Promise.race([ready, serverExit.then((e) => `exited ${JSON.stringify(e)}`), sleep(60_000).then(() => 'no "listening" line in 60 s')]);
  if (startup !== 'ready') throw new RunError(`code-server did not start: ${startup}`, { serverLog, scratch });

  const browserProcess = spawnGroup('chromium', chromiumBin, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', ...(locale ? [`--lang=${locale}`] : []),
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-extensions', '--no-default-browser-check',
    '--disable-dev-shm-usage', '--metrics-recording-only', '--password-store=basic',
    // No DNS: every host but 127.0.0.1 is "not found" (Debian's chromium otherwise calls Google at start).
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--disable-domain-reliability', '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater',
    '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0',
    `--user-data-dir=${dirs.chromium}`, '--window-size=1280,800', '--force-device-scale-factor=1',
    'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: dirs.chromium, XDG_CONFIG_HOME: dirs.chromium, XDG_CACHE_HOME: dirs.chromium, TMPDIR: dirs.t }, cwd: scratch });
  const wsEndpoint = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new RunError('chromium did not print its DevTools endpoint in 30 s', { serverLog, scratch })), 30_000);
    onLines(browserProcess.stderr, (line) => {
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(line);
      if (m) { clearTimeout(timer); resolve(m[1]); } else if (verbose) console.log(`[chromium] ${line}`);
    });
    browserProcess.on('exit', (code) => { clearTimeout(timer); reject(new RunError(`chromium exited early (${code})`, { serverLog, scratch })); });
  });
  const browser = await chromium.connectOverCDP(wsEndpoint);
  try {
    const context = browser.contexts()[0] ?? await browser.newContext();
    const page = context.pages()[0] ?? await context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 }); // the screenshots' size

    // Everything stays on loopback: other requests are aborted and listed.
    const blocked = new Set();
    await context.route('**/*', (route) => {
      const u = new URL(route.request().url());
      if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
        blocked.add(u.origin);
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });

    const ackDir = dirs.ack;
    const outcome = { kind, counts: undefined, failures: [], screenshots: [] };
    let finish;
    const finished = new Promise((resolve) => { finish = resolve; });
    await page.exposeFunction('codeAutomationLog', async (type, logArgs) => {
      const text = util.format(...(Array.isArray(logArgs) ? logArgs : [String(logArgs)]));
      const control = /^@@(\w+) ?(.*)$/s.exec(text);
      if (control) return onControl(control[1], control[2]);
      if (!verbose && WORKBENCH_NOISE.some((re) => re.test(text))) return;
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(text + '\n');
    });
    /**
     * Picks the item labelled `label` as a person would: types the label into the filter, then clicks
     * the row whose label is exactly it. Retried until it holds, since the picker asked for may still
     * be replacing the previous one (keyboard commands sent from the extension host landed on
     * whichever picker had focus, or on none, when the machine was loaded).
     */
    async function pickQuickPickItem(rows, label) {
      const exact = new RegExp(`^${label.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&')}$`);
      const row = rows.filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
      const giveUpAt = Date.now() + 10_000; // within the 15 s the suite waits for the answer
      for (;;) {
        try {
          await page.locator('.quick-input-widget .quick-input-box input').fill(label, { timeout: 2_000 });
          await row.click({ timeout: 2_000 });
          return;
        } catch (err) {
          if (Date.now() > giveUpAt) throw new Error(`no quick pick item labelled ${label}: ${err?.message ?? err}`);
        }
      }
    }
    async function onControl(what, arg) {
      if (what === 'result') outcome.counts = JSON.parse(arg);
      else if (what === 'failure') outcome.failures.push(JSON.parse(arg));
      else if (what === 'do') {
        // `@@do <id> <verb> <arg>`: act on the page, then acknowledge in <ackDir>/<id> (suite/helpers.ts).
        const [, id, verb, value] = /^(\S+) (\S+) ?(.*)$/.exec(arg) ?? [];
        let answer = 'ok';
        try {
          if (verb === 'screenshot') {
            const file = path.join(outputDir, `${value}.png`);
            await page.screenshot({ path: file, type: 'png' });
            outcome.screenshots.push(path.relative(repoRoot, file));
          } else if (verb === 'quickpick') {
            // Waits until a quick pick is on screen with its items, so a test acts on it, not before it.
            const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
            await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
            if (value) await pickQuickPickItem(rows, value);
          } else if (verb === 'statusbar') {
            // The status bar's entries as the workbench shows them: `ok ["text", ...]`.
            answer = `ok ${JSON.stringify(await page.locator('.part.statusbar .statusbar-item').allInnerTexts())}`;
          } else {
            answer = `unknown request ${verb}`;
          }
        } catch (err) {
          answer = String(err?.message ?? err);
        }
        if (id) {
          writeFileSync(path.join(ackDir, `${id}.part`), answer);
          renameSync(path.join(ackDir, `${id}.part`), path.join(ackDir, id)); // never half an answer
        }
      }
    }
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));
    page.on('console', (msg) => { if (verbose) console.log(`[browser ${msg.type()}] ${msg.text()}`); });
    page.on('crash', () => finish({ code: 1, reason: 'the workbench page crashed' }));

    const toRemote = (p) => `vscode-remote://${authority}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
    const payload = [
      ['extensionDevelopmentPath', toRemote(repoRoot)],
      ['extensionTestsPath', toRemote(suiteEntry)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    log(`${kind}: opening the workbench (code-server on ${authority}, workspace trust ${trust ? 'on, folder untrusted' : 'off'})`);
    await page.goto(`http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.bringToFront(); // focus, as a user's window has: commands that act on the focused part need it

    const timeoutMs = timeoutS * 1000;
    const result = await Promise.race([
      finished,
      serverExit.then((e) => ({ code: 1, reason: `code-server exited ${JSON.stringify(e)}` })),
      sleep(timeoutMs).then(() => ({ code: 124, reason: `no result ${timeoutS} s after opening the workbench` })),
    ]);
    if (result.code !== 0 && !result.reason && !outcome.failures.length && !outcome.counts) {
      result.reason = 'the suite ended without running (see the extension host log)';
    }
    if (result.code !== 0 && !result.reason && outcome.counts && outcome.counts.failed === 0) {
      result.reason = `the suite's run() failed after its tests (exit ${result.code})`;
    }
    if (blocked.size) log(`${kind}: browser requests blocked (not loopback): ${[...blocked].join(', ')}`);
    return { ...outcome, ...result, serverLog, scratch };
  } finally {
    await browser.close().catch(() => { /* connection already gone */ });
  }
}

class RunError extends Error {
  constructor(message, details) { super(message); this.details = details; }
}

// ------------------------------------------------------------------ logs
/** Every *.log file under dir, newest last. */
function logFiles(dir) {
  const found = [];
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else if (n.endsWith('.log')) found.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

const tail = (text, lines) => text.split('\n').filter(Boolean).slice(-lines).join('\n');

/** Copies the run's logs to test-output/vscode/logs/<kind>/ and returns them by kind. */
function collectLogs(kind, scratch, serverLog) {
  const target = path.join(outputDir, 'logs', kind);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  writeFileSync(path.join(target, 'code-server.log'), serverLog.join('\n') + '\n');
  const logsRoot = path.join(scratch, 'user-data', 'logs');
  for (const file of logFiles(logsRoot)) {
    const rel = path.relative(logsRoot, file).split(path.sep).slice(1).join('__'); // drop the timestamp folder
    cpSync(file, path.join(target, rel));
  }
  return target;
}

function printFailureLogs(kind, logDir) {
  const names = readdirSync(logDir);
  const read = (wanted) => names.filter(wanted).map((n) => readFileSync(path.join(logDir, n), 'utf8')).join('\n');
  const sections = [
    ['VS Code server (code-server output)', read((n) => n === 'code-server.log')],
    ['VS Code server (remoteagent.log)', read((n) => n === 'remoteagent.log')],
    ['extension host (remoteexthost.log)', read((n) => n.endsWith('remoteexthost.log'))],
  ];
  // The extension's own output channels (LogOutputChannel files under exthost*/<extension id>/).
  for (const name of names.filter((n) => /functiongraph/i.test(n))) sections.push([`extension output (${name})`, read((n) => n === name)]);
  for (const [title, text] of sections) {
    if (text.trim()) console.log(`----- ${kind}: ${title}, last lines -----\n${tail(text, 40)}`);
  }
  console.log(`----- ${kind}: all logs in ${path.relative(repoRoot, logDir)}/ -----`);
}

// ------------------------------------------------------------------ main
async function main() {
  const kinds = opts.runs.split(',').map((s) => s.trim()).filter(Boolean);
  for (const k of kinds) if (!RUNS[k]) throw new Error(`--runs: unknown run ${k} (expected ${Object.keys(RUNS).join(', ')})`);
  if (!existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first (npm test does)');
  }
  const codeServerDir = await runSetup(); // also installs Debian's chromium when missing
  if (!existsSync(chromiumBin)) throw new Error(`chromium not found at ${chromiumBin} (set CHROMIUM to another Chromium binary)`);
  const suiteEntry = await compileSuite();
  const { chromium } = await import('playwright-core');
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });

  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  const problems = [];
  for (const kind of kinds) {
    if (interrupted) break;
    const runStart = Date.now();
    let outcome;
    try {
      outcome = await runOnce(kind, { codeServerDir, suiteEntry, chromium });
    } catch (err) {
      outcome = { kind, code: 1, reason: err.message, failures: [], screenshots: [], scratch: scratchRoot, ...(err.details ?? {}) };
    } finally {
      await endAll(scratchRoot);
    }
    const logDir = outcome.scratch ? collectLogs(kind, outcome.scratch, outcome.serverLog ?? []) : undefined;
    if (outcome.scratch && !opts.keep) rmSync(outcome.scratch, { recursive: true, force: true });
    else if (outcome.scratch) log(`${kind}: kept ${outcome.scratch}`);

    passed += outcome.counts?.passed ?? 0;
    failed += outcome.counts?.failed ?? 0;
    if (!outcome.counts) failed += 1; // the run broke before the suite could count
    if (outcome.code !== 0) exitCode = exitCode || outcome.code;
    for (const f of outcome.failures) problems.push(`${kind}: journey "${f.journey}", step "${f.step}": ${f.message.split('\n')[0]}`);
    if (outcome.reason) problems.push(`${kind}: ${outcome.reason}`);
    for (const s of outcome.screenshots) log(`${kind}: screenshot ${s}`);
    log(`${kind}: exit ${outcome.code} in ${((Date.now() - runStart) / 1000).toFixed(1)} s`);
    if (outcome.code !== 0 && logDir) printFailureLogs(kind, logDir);
  }
  if (problems.length) console.log(`\nFailed:\n  ${problems.join('\n  ')}`);
  if (exitCode === 0 && failed > 0) exitCode = 1;
  console.log(`${passed} passed, ${failed} failed`);
  return exitCode;
}

// When interrupted, the signal handler ends the processes and exits 130.
main().then((code) => { if (!interrupted) process.exit(code); }, async (err) => {
  if (interrupted) return;
  console.error(`[vscode] ERROR: ${err?.stack ?? err}`);
  await endAll(scratchRoot);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
