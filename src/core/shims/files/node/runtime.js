'use strict';
// FunctionGraph Toolkit runtime shim for Node.js handlers (contract RT-*, INV-7).
// A plain CommonJS file with no dependencies: it is the instance's process, speaks the custom
// runtime API (API-1..5) like any bootstrap, and calls the user's handler unchanged.
// Kept small and lazy: cold start is measured against a bare `node -e ''`.
const net = require('net');
const path = require('path');

const env = process.env;
const [apiHost, apiPort] = splitAddr(env.RUNTIME_API_ADDR || '127.0.0.1:8080');
const BASE = '/v1/runtime/invocation/';
const CODE_ROOT = path.resolve(env.RUNTIME_CODE_ROOT || process.cwd());
const HANDLER = env.RUNTIME_HANDLER || 'index.handler';
const INITIALIZER = env.RUNTIME_INITIALIZER_HANDLER || '';
const TIMEOUT_S = Number(env.RUNTIME_TIMEOUT) || 3;
const INIT_TIMEOUT_S = Number(env.RUNTIME_INITIALIZER_TIMEOUT) || TIMEOUT_S;

// stopOnEntry of the debug adapter: pause once, right before the first call into the user's code.
let stopOnEntry = env.FGTK_STOP_ON_ENTRY === '1';
delete env.FGTK_STOP_ON_ENTRY; // ours, not the function's
// Under a debugger the emulator pauses its timeout while the user's code is stopped; the initializer
// timeout here is off too, or a breakpoint in the initializer would fail it.
const UNDER_DEBUGGER = process.execArgv.some((a) => a.startsWith('--inspect')) && waitForDebugger();

let userData;
let handlerFn; // resolved on the first invocation, then reused
// INV-7: an initializer that failed fails every invocation of this instance. The instance stays up:
// exiting right after answering would race with the engine's next delivery.
let initFailure = null;

// Under the debug adapter Node runs with --inspect (not --inspect-brk, whose first-line pause made
// Node 20's V8 abort in ScopeIterator once in 39 js-debug attaches): wait here, before any user code
// loads, until the debugger has set its breakpoints.
function waitForDebugger() {
  const inspector = require('inspector');
  if (!inspector.url()) return false;
  inspector.waitForDebugger();
  // js-debug shows every console.* call it sees through the inspector, and the debug adapter shows
  // the instance's stdout: a console that writes to stdout only makes each line show once.
  const plain = new (require('console').Console)({ stdout: process.stdout, stderr: process.stderr });
  for (const key of Object.keys(plain)) {
    if (typeof plain[key] === 'function' && typeof console[key] === 'function') console[key] = plain[key];
  }
  return true;
}

// stopOnEntry: the debugger pauses on the first line of the user's function when it is called
// (V8 reports a pause to every attached session, so js-debug shows it there).
function breakOnCall(fn) {
  const inspector = require('inspector');
  const session = new inspector.Session();
  session.connect();
  globalThis.__fgtkEntry = fn;
  session.post('Debugger.enable', () => {
    session.post('Runtime.evaluate', { expression: 'globalThis.__fgtkEntry' }, (err, res) => {
      delete globalThis.__fgtkEntry;
      if (!err && res.result.objectId) session.post('Debugger.setBreakpointOnFunctionCall', { objectId: res.result.objectId });
    });
  });
  // The breakpoint is one-shot for the user: gone once the call has started (the session ends).
  setImmediate(() => session.disconnect());
}

function splitAddr(addr) {
  const i = addr.lastIndexOf(':');
  return i > 0 ? [addr.slice(0, i), Number(addr.slice(i + 1))] : [addr, 80];
}

// ---------------------------------------------------------------------------------------------
// The runtime API client: one keep-alive HTTP/1.1 connection, one request at a time (API-6).
// Hand-written on a net.Socket, as in the Python shim: on a warm invocation Node's http client
// (ClientRequest, Agent, parser) cost several times the shim's own work (profile: ~35% of the
// process against ~4%; a warm round trip takes about a quarter less without it), and no library
// fits a shim that must stay one plain file with no dependencies. It reads content-length,
// chunked and until-close bodies of any bytes; the long-polling GET never times out (a net.Socket
// has no timeout unless one is set).

const UNTIL_CLOSE = -1;
const CHUNKED = -2;
const HOST_HEADER = 'Host: ' + apiHost + ':' + apiPort + '\r\n';
let conn = null; // { socket, inbox: Buffer[], size, waiting }

function connect() {
  const c = { socket: net.connect({ host: apiHost, port: apiPort, noDelay: true }), inbox: [], size: 0, waiting: null };
  c.socket.on('data', (chunk) => {
    c.inbox.push(chunk);
    c.size += chunk.length;
    if (c.waiting) readResponse(c);
  });
  c.socket.on('end', () => {
    if (c.waiting && c.waiting.length === UNTIL_CLOSE) complete(c, take(c, c.size));
    else drop(c, apiError('ECONNRESET', 'the runtime API closed the connection'));
  });
  c.socket.on('error', (err) => drop(c, err));
  c.socket.on('close', () => drop(c, apiError('ECONNRESET', 'the runtime API closed the connection')));
  return c;
}

function request(method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const reused = conn !== null;
    const c = conn || (conn = connect());
    c.waiting = { resolve, reject, reused, status: 0, headers: null, length: 0, need: 0, chunks: [] };
    const head = method + ' ' + urlPath + ' HTTP/1.1\r\n' + HOST_HEADER;
    if (body === undefined) c.socket.write(head + '\r\n', 'latin1');
    else c.socket.write(Buffer.concat([Buffer.from(head + 'Content-Type: ' + body.type + '\r\nContent-Length: ' + body.data.length + '\r\n\r\n', 'latin1'), body.data]));
  });
}

/** The received bytes as one buffer (joined only when more than one packet is waiting). */
function peek(c) {
  if (c.inbox.length > 1) c.inbox = [Buffer.concat(c.inbox)];
  return c.inbox.length ? c.inbox[0] : Buffer.alloc(0);
}

/** Removes and returns the first n received bytes. */
function take(c, n) {
  const buf = peek(c);
  c.inbox = n < buf.length ? [buf.subarray(n)] : [];
  c.size -= n;
  return buf.subarray(0, n);
}

function readResponse(c) {
  const w = c.waiting;
  if (w.headers === null) {
    const end = peek(c).indexOf('\r\n\r\n');
    if (end < 0) return;
    const lines = take(c, end + 4).toString('latin1', 0, end).split('\r\n');
    w.status = Number(lines[0].split(' ')[1]);
    w.headers = {};
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon > 0) w.headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
    }
    const te = w.headers['transfer-encoding'];
    const cl = w.headers['content-length'];
    w.length = te && /chunked/i.test(te) ? CHUNKED : cl !== undefined ? Number(cl) : UNTIL_CLOSE;
  }
  if (w.length >= 0) {
    if (c.size >= w.length) complete(c, take(c, w.length));
  } else if (w.length === CHUNKED) {
    readChunks(c, w);
  }
}

// Each chunk: its size in hex (maybe ";extensions"), CRLF, the bytes, CRLF. Size 0 ends the body,
// after optional trailer lines and a blank line.
function readChunks(c, w) {
  while (c.size >= w.need) {
    const buf = peek(c);
    const eol = buf.indexOf('\r\n');
    if (eol < 0) return;
    const size = parseInt(buf.toString('latin1', 0, eol), 16);
    if (Number.isNaN(size)) return drop(c, apiError('EPROTO', 'the runtime API sent a malformed chunked body'));
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      if (end < 0) return;
      take(c, end + 4);
      return complete(c, Buffer.concat(w.chunks));
    }
    w.need = eol + 2 + size + 2; // wait for the whole chunk before joining packets again
    if (c.size < w.need) return;
    take(c, eol + 2);
    w.chunks.push(take(c, size));
    take(c, 2);
    w.need = 0;
  }
}

function complete(c, body) {
  const w = c.waiting;
  c.waiting = null;
  if (w.length === UNTIL_CLOSE || /close/i.test(w.headers.connection || '')) drop(c, null);
  w.resolve({ status: w.status, headers: w.headers, body });
}

/** Forgets the connection (the next request opens a new one); fails the request still waiting. */
function drop(c, err) {
  if (conn === c) conn = null;
  c.socket.destroy();
  const w = c.waiting;
  c.waiting = null;
  if (w && err) {
    err.reused = w.reused;
    w.reject(err);
  }
}

function apiError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

async function post(kind, id, body) {
  const p = BASE + kind + '/' + encodeURIComponent(id);
  try {
    return await request('POST', p, body);
  } catch (err) {
    // The server may close an idle keep-alive socket just as we reuse it: retry once on a new one.
    if (err.reused && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) return request('POST', p, body);
    throw err;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Context (RT-2)

function getUserDataMap() {
  if (userData === undefined) {
    try {
      const parsed = JSON.parse(env.RUNTIME_USERDATA || '{}');
      userData = parsed && typeof parsed === 'object' ? parsed : {};
    } catch (_) {
      userData = {};
    }
  }
  return userData;
}

function formatArgs(args) {
  return require('util').format.apply(null, args);
}

function makeLogger(requestId) {
  const write = (level) => function () {
    process.stdout.write(new Date().toISOString() + ' ' + requestId + ' ' + level + ' ' + formatArgs(arguments) + '\n');
  };
  return { debug: write('DEBUG'), info: write('INFO'), log: write('INFO'), warn: write('WARN'), error: write('ERROR') };
}

// Lines starting with this tell the emulator something (an empty credential read); not the user's output.
const NOTICE_PREFIX = env.FGTK_NOTICE_PREFIX || '';
delete env.FGTK_NOTICE_PREFIX; // ours, not the function's

// Read once: the environment does not change during the instance's life.
const FUNCTION = {
  name: env.RUNTIME_FUNC_NAME || '',
  version: env.RUNTIME_FUNC_VERSION || 'latest',
  memory: Number(env.RUNTIME_MEMORY) || 128,
  cpu: Number(env.RUNTIME_CPU) || 0,
  package: env.RUNTIME_PACKAGE || 'default',
  project: env.RUNTIME_PROJECT_ID || '',
  alias: env.RUNTIME_ALIAS || '',
};

// One object per invocation with its methods on the prototype: the warm path allocates little.
class Context {
  constructor(requestId, headers, timeoutS) {
    this._requestId = requestId;
    this._headers = headers;
    this._timeoutS = timeoutS;
    this._deadline = Date.now() + timeoutS * 1000;
    this._logger = undefined;
  }
  _header(name) { return String(this._headers[name] || ''); }
  getRequestID() { return this._requestId; }
  getRemainingTimeInMilliSeconds() { return Math.max(0, this._deadline - Date.now()); }
  // API-2 credentials, present only when configured. The deprecated AK/SK getters return the
  // same temporary credentials as their Security* successors.
  getAccessKey() { return this._credential('getAccessKey', 'x-cff-access-key'); }
  getSecretKey() { return this._credential('getSecretKey', 'x-cff-secret-key'); }
  getSecurityAccessKey() { return this._credential('getSecurityAccessKey', 'x-cff-access-key'); }
  getSecuritySecretKey() { return this._credential('getSecuritySecretKey', 'x-cff-secret-key'); }
  getSecurityToken() { return this._credential('getSecurityToken', 'x-cff-security-token'); }
  getToken() { return this._credential('getToken', 'x-cff-auth-token'); }
  // An empty credential is noted in the invocation's log (once per getter and request), never the value.
  _credential(getter, header) {
    const value = this._header(header);
    this._noticed = this._noticed || {};
    if (!value && NOTICE_PREFIX && !this._noticed[getter]) {
      this._noticed[getter] = true;
      process.stderr.write(NOTICE_PREFIX + ' empty-credential ' + getter + '\n');
    }
    return value;
  }
  getUserData(key) { return getUserDataMap()[key]; }
  getFunctionName() { return FUNCTION.name; }
  getRunningTimeInSeconds() { return this._timeoutS; }
  getVersion() { return FUNCTION.version; }
  getMemorySize() { return FUNCTION.memory; }
  getCPUNumber() { return FUNCTION.cpu; }
  getPackage() { return FUNCTION.package; }
  getProjectID() { return FUNCTION.project; }
  getAlias() { return FUNCTION.alias; }
  getInvokeType() { return this._header('x-cff-invoke-type') || 'sync'; }
  getLogger() { return this._logger || (this._logger = makeLogger(this._requestId)); }
}

function makeContext(requestId, headers, timeoutS) {
  return new Context(requestId, headers, timeoutS);
}

// ---------------------------------------------------------------------------------------------
// Loading the user's code (PKG-4: `[dir/]file.export`)

const modules = new Map();

async function loadModule(file) {
  if (modules.has(file)) return modules.get(file);
  const base = path.resolve(CODE_ROOT, file);
  let resolved;
  for (const candidate of [base, base + '.mjs', base + '.cjs']) {
    try {
      resolved = require.resolve(candidate);
      break;
    } catch (err) {
      if (err.code !== 'MODULE_NOT_FOUND') throw err;
    }
  }
  if (!resolved) {
    throw namedError('HandlerNotFound', 'no file ' + file + '.js (nor .mjs, .cjs) in ' + CODE_ROOT);
  }
  let mod;
  if (resolved.endsWith('.mjs')) {
    mod = await import(require('url').pathToFileURL(resolved).href);
  } else {
    try {
      mod = require(resolved);
    } catch (err) {
      // "type": "module" packages: fall back to the ES module loader.
      if (err.code !== 'ERR_REQUIRE_ESM') throw err;
      mod = await import(require('url').pathToFileURL(resolved).href);
    }
  }
  const loaded = { mod, name: path.relative(CODE_ROOT, resolved) };
  modules.set(file, loaded);
  return loaded;
}

async function resolveFunction(spec, what) {
  const dot = spec.lastIndexOf('.');
  if (dot <= 0 || dot === spec.length - 1) {
    throw namedError('HandlerNotFound', 'the ' + what + ' "' + spec + '" is not in the form [dir/]file.export, e.g. index.' + what);
  }
  const file = spec.slice(0, dot);
  const name = spec.slice(dot + 1);
  let mod, fileName;
  try {
    ({ mod, name: fileName } = await loadModule(file));
  } catch (err) {
    if (err.name === 'HandlerNotFound') err.message = what + ' ' + spec + ' not found: ' + err.message;
    throw err;
  }
  let fn = mod && mod[name];
  if (typeof fn !== 'function' && mod && mod.default && typeof mod.default[name] === 'function') fn = mod.default[name];
  if (typeof fn !== 'function') {
    const exported = mod && typeof mod === 'object' ? Object.keys(mod).filter((k) => k !== 'default') : [];
    throw namedError('HandlerNotFound', what + ' ' + spec + ' not found: ' + fileName + ' has no exported function "' + name + '"' +
      (exported.length ? ' (it exports: ' + exported.join(', ') + ')' : ' (it exports nothing)'));
  }
  return fn;
}

function namedError(name, message) {
  const err = new Error(message);
  err.name = name;
  return err;
}

// ---------------------------------------------------------------------------------------------
// Calling user functions: async (a promise), callback (third argument) or sync (a plain value)

function callUser(fn, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer;
    const done = (err, value) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (err !== null && err !== undefined) reject(err);
      else resolve(value);
    };
    if (timeoutMs) {
      timer = setTimeout(() => done(namedError('InitializerTimeout', 'timed out after ' + timeoutMs / 1000 + ' s')), timeoutMs);
    }
    let returned;
    if (stopOnEntry) {
      stopOnEntry = false;
      breakOnCall(fn);
    }
    try {
      returned = args.length === 2 ? fn(args[0], args[1], done) : fn(args[0], done);
    } catch (err) {
      done(err === undefined ? new Error('undefined was thrown') : err);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((v) => done(null, v), (err) => done(err === undefined || err === null ? new Error(String(err)) : err));
    } else if (fn.length <= args.length) {
      done(null, returned); // sync: it takes no callback, so its return value is the result
    }
  });
}

function errorBody(err, prefix) {
  const isError = err instanceof Error || (err && typeof err === 'object' && 'message' in err);
  const body = {
    errorMessage: (prefix || '') + (isError ? String(err.message) : typeof err === 'string' ? err : safeJson(err)),
    errorType: isError ? String(err.name || (err.constructor && err.constructor.name) || 'Error') : 'Error',
  };
  if (isError && typeof err.stack === 'string') {
    // The user's frames only: the shim's own and Node's internals tell them nothing.
    const frames = err.stack.split('\n').slice(1).map((l) => l.trim())
      .filter((l) => l.startsWith('at ') && !l.includes(__filename) && !l.includes('node:internal') && l !== 'at new Promise (<anonymous>)');
    if (frames.length) body.stackTrace = frames;
  }
  return { type: 'application/json', data: Buffer.from(JSON.stringify(body)) };
}

function safeJson(v) {
  try {
    return JSON.stringify(v);
  } catch (_) {
    return String(v);
  }
}

// RT-3: strings as they are, bytes as they are, everything else JSON-encoded.
function resultBody(value) {
  if (typeof value === 'string') return { type: 'text/plain; charset=utf-8', data: Buffer.from(value) };
  if (Buffer.isBuffer(value)) return { type: 'application/octet-stream', data: value };
  if (value instanceof Uint8Array) return { type: 'application/octet-stream', data: Buffer.from(value) };
  const text = JSON.stringify(value === undefined ? null : value);
  return { type: 'application/json', data: Buffer.from(text === undefined ? 'null' : text) };
}

// ---------------------------------------------------------------------------------------------
// The loop

async function initialize() {
  if (!INITIALIZER) return;
  try {
    const fn = await resolveFunction(INITIALIZER, 'initializer');
    await callUser(fn, [makeContext('', {}, INIT_TIMEOUT_S)], UNDER_DEBUGGER ? 0 : INIT_TIMEOUT_S * 1000);
  } catch (err) {
    initFailure = err;
    process.stderr.write('Initializer ' + INITIALIZER + ' failed: ' + (err && err.stack ? err.stack : String(err)) + '\n');
  }
}

async function handle(id, headers, raw) {
  if (initFailure) {
    return { kind: 'error', body: errorBody(initFailure, 'Initializer ' + INITIALIZER + ' failed: ') };
  }
  let event;
  const text = raw.toString('utf8');
  try {
    event = JSON.parse(text);
  } catch (err) {
    // An empty event is {}; only looked for when parsing failed, to spare big events a trimmed copy.
    if (text.trim() === '') event = {};
    else return { kind: 'error', body: errorBody(namedError('InvalidEvent', 'the event is not valid JSON (' + err.message + '); Node.js handlers get the parsed JSON test event')) };
  }
  try {
    const fn = handlerFn || (handlerFn = await resolveFunction(HANDLER, 'handler'));
    const result = await callUser(fn, [event, makeContext(id, headers, TIMEOUT_S)], 0);
    try {
      return { kind: 'response', body: resultBody(result) };
    } catch (err) {
      return { kind: 'error', body: errorBody(err, 'the result could not be JSON-encoded: ') };
    }
  } catch (err) {
    return { kind: 'error', body: errorBody(err) };
  }
}

async function loop() {
  let refusedSince = 0;
  for (;;) {
    let res;
    try {
      res = await request('GET', BASE + 'request');
      refusedSince = 0;
    } catch (err) {
      // Nobody listens any more: the emulator is gone, do not linger as an orphan.
      if (err.code === 'ECONNREFUSED') {
        refusedSince = refusedSince || Date.now();
        if (Date.now() - refusedSince > 10000) process.exit(1);
      }
      await sleep(50);
      continue;
    }
    const id = res.headers['x-cff-request-id'];
    if (res.status !== 200 || !id) {
      await sleep(50); // API-5: no request ID, try again shortly
      continue;
    }
    const outcome = await handle(id, res.headers, res.body);
    try {
      const reply = await post(outcome.kind, id, outcome.body);
      if (reply.status !== 200) {
        process.stderr.write('Runtime API answered ' + reply.status + ' to the ' + outcome.kind + ' of ' + id + ': ' + reply.body.toString() + '\n');
      }
    } catch (err) {
      process.stderr.write('Could not post the ' + outcome.kind + ' of ' + id + ': ' + err.message + '\n');
    }
  }
}

// A crash outside the handler's promise chain ends the instance, as on the platform: the engine
// reports the outstanding invocation as crashed (with these last lines) and starts a fresh
// instance for the next one. Posting an error first would race with the exit.
function fatal(err) {
  process.stderr.write('Uncaught ' + (err && err.stack ? err.stack : String(err)) + '\n');
  process.exit(1);
}
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

initialize().then(loop, fatal);
