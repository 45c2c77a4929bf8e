# FunctionGraph Toolkit runtime shim for Python handlers (contract RT-*, INV-7).
# A plain file with no dependencies: it is the instance's process, speaks the custom runtime
# API (API-1..5) like any bootstrap, and calls the user's `def handler(event, context)` unchanged.
# Runs on Python 3.6+. It talks HTTP/1.1 over a raw socket on purpose: http.client imports ssl
# and the email package (about 25 ms per cold start, more than the interpreter itself here).
import json
import os
import socket
import sys
import threading
import time

env = os.environ
# Lines starting with this tell the emulator something (an empty credential read); not the user's output.
_NOTICE_PREFIX = env.pop("FGTK_NOTICE_PREFIX", "")  # ours, not the function's
_addr = env.get("RUNTIME_API_ADDR", "127.0.0.1:8080")
API_HOST, _, _port = _addr.rpartition(":")
API_PORT = int(_port or 80)
BASE = "/v1/runtime/invocation/"
CODE_ROOT = os.path.abspath(env.get("RUNTIME_CODE_ROOT") or os.getcwd())
HANDLER = env.get("RUNTIME_HANDLER") or "index.handler"
INITIALIZER = env.get("RUNTIME_INITIALIZER_HANDLER") or ""
SHIM_FILE = os.path.abspath(__file__)


def _number(name, default):
    try:
        return float(env.get(name) or default)
    except ValueError:
        return float(default)


TIMEOUT_S = _number("RUNTIME_TIMEOUT", 3)
INIT_TIMEOUT_S = _number("RUNTIME_INITIALIZER_TIMEOUT", TIMEOUT_S)

# Under debugpy (the debug adapter's launch) the debugger holds the clock: the emulator pauses its
# timeout while the user's code is stopped, so the initializer timeout here is off too.
UNDER_DEBUGGER = "debugpy" in sys.modules
# stopOnEntry of the debug adapter: pause once, right before the first call into the user's code.
_stop_on_entry = env.pop("FGTK_STOP_ON_ENTRY", "") == "1" and UNDER_DEBUGGER


def _take_stop_on_entry():
    """True once, the first time user code is about to run under stopOnEntry."""
    global _stop_on_entry
    stop, _stop_on_entry = _stop_on_entry, False
    return stop


# ---------------------------------------------------------------------------------------------
# A minimal keep-alive HTTP/1.1 client for the runtime API

class ApiClient(object):
    def __init__(self):
        self.sock = None
        self.buf = b""

    def _connect(self):
        self.sock = socket.create_connection((API_HOST, API_PORT))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None

    def request(self, method, path, body=None, content_type="application/json"):
        """Returns (status, headers with lower-case names, body bytes)."""
        reused = self.sock is not None
        try:
            return self._request(method, path, body, content_type)
        except (OSError, ConnectionError):
            self.close()
            if not reused:
                raise
            # The server closed an idle keep-alive socket: once more on a fresh one.
            return self._request(method, path, body, content_type)

    def _request(self, method, path, body, content_type):
        if self.sock is None:
            self._connect()
        head = "%s %s HTTP/1.1\r\nHost: %s\r\n" % (method, path, _addr)
        if body is not None:
            head += "Content-Type: %s\r\nContent-Length: %d\r\n" % (content_type, len(body))
        self.sock.sendall(head.encode("latin-1") + b"\r\n" + (body or b""))
        status_line = self._line()
        if not status_line:
            raise ConnectionError("connection closed by the runtime API")
        status = int(status_line.split(b" ", 2)[1])
        headers = {}
        while True:
            line = self._line()
            if line in (b"", b"\r\n", b"\n"):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if headers.get("transfer-encoding", "").lower() == "chunked":
            data = self._chunked()
        else:
            data = self._exactly(int(headers.get("content-length") or 0))
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, data

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("connection closed by the runtime API")
        self.buf += chunk

    def _line(self):
        while b"\n" not in self.buf:
            self._fill()
        line, _, self.buf = self.buf.partition(b"\n")
        return line + b"\n"

    def _exactly(self, n):
        while len(self.buf) < n:
            self._fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def _chunked(self):
        parts = []
        while True:
            size = int(self._line().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self._line().strip():  # trailers
                    pass
                return b"".join(parts)
            parts.append(self._exactly(size))
            self._line()


api = ApiClient()


# ---------------------------------------------------------------------------------------------
# Context (RT-2)

_user_data = None


def _user_data_map():
    global _user_data
    if _user_data is None:
        try:
            parsed = json.loads(env.get("RUNTIME_USERDATA") or "{}")
            _user_data = parsed if isinstance(parsed, dict) else {}
        except ValueError:
            _user_data = {}
    return _user_data


def _utc_now():
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)


class Logger(object):
    """INV-6: every line carries the UTC time and the request ID."""

    def __init__(self, request_id):
        self.request_id = request_id

    def _write(self, level, msg, args):
        text = str(msg)
        if args:
            try:
                text = text % args
            except (TypeError, ValueError):
                text = " ".join([text] + [str(a) for a in args])
        sys.stdout.write("%s %s %s %s\n" % (_utc_now(), self.request_id, level, text))
        sys.stdout.flush()

    def debug(self, msg, *args):
        self._write("DEBUG", msg, args)

    def info(self, msg, *args):
        self._write("INFO", msg, args)

    def warn(self, msg, *args):
        self._write("WARN", msg, args)

    warning = warn

    def error(self, msg, *args):
        self._write("ERROR", msg, args)


class Context(object):
    def __init__(self, request_id, headers, timeout_s):
        self._request_id = request_id
        self._headers = headers
        self._timeout_s = timeout_s
        self._deadline = time.time() + timeout_s
        self._logger = None

    def _h(self, name):
        return self._headers.get(name, "")

    def getRequestID(self):
        return self._request_id

    def getRemainingTimeInMilliSeconds(self):
        return max(0, int((self._deadline - time.time()) * 1000))

    # API-2 credentials, present only when configured. The deprecated AK/SK getters return the
    # same temporary credentials as their Security* successors.
    def getAccessKey(self):
        return self._credential("getAccessKey", "x-cff-access-key")

    def getSecretKey(self):
        return self._credential("getSecretKey", "x-cff-secret-key")

    def getSecurityAccessKey(self):
        return self._credential("getSecurityAccessKey", "x-cff-access-key")

    def getSecuritySecretKey(self):
        return self._credential("getSecuritySecretKey", "x-cff-secret-key")

    def getSecurityToken(self):
        return self._credential("getSecurityToken", "x-cff-security-token")

    def getToken(self):
        return self._credential("getToken", "x-cff-auth-token")

    def _credential(self, getter, header):
        # An empty credential is noted in the invocation's log (once per getter and request), never the value.
        value = self._h(header)
        noticed = self.__dict__.setdefault("_noticed", set())
        if not value and _NOTICE_PREFIX and getter not in noticed:
            noticed.add(getter)
            sys.stderr.write("%s empty-credential %s\n" % (_NOTICE_PREFIX, getter))
            sys.stderr.flush()
        return value

    def getUserData(self, key, default=None):
        return _user_data_map().get(key, default)

    def getFunctionName(self):
        return env.get("RUNTIME_FUNC_NAME", "")

    def getRunningTimeInSeconds(self):
        return int(self._timeout_s) if self._timeout_s == int(self._timeout_s) else self._timeout_s

    def getVersion(self):
        return env.get("RUNTIME_FUNC_VERSION") or "latest"

    def getMemorySize(self):
        return int(_number("RUNTIME_MEMORY", 128))

    def getCPUNumber(self):
        return int(_number("RUNTIME_CPU", 0))

    def getPackage(self):
        return env.get("RUNTIME_PACKAGE") or "default"

    def getProjectID(self):
        return env.get("RUNTIME_PROJECT_ID", "")

    def getAlias(self):
        return env.get("RUNTIME_ALIAS", "")

    def getInvokeType(self):
        return self._h("x-cff-invoke-type") or "sync"

    def getLogger(self):
        if self._logger is None:
            self._logger = Logger(self._request_id)
        return self._logger


# ---------------------------------------------------------------------------------------------
# Loading the user's code (PKG-4: `file.function`; `dir/file.function` and `pkg.file.function` too)

class HandlerNotFound(Exception):
    pass


class InitializerTimeout(Exception):
    pass


class InvalidEvent(Exception):
    pass


def resolve_function(spec, what):
    module_name, _, name = spec.rpartition(".")
    if not module_name or not name:
        raise HandlerNotFound('the %s "%s" is not in the form file.function, e.g. index.%s' % (what, spec, what))
    module_name = module_name.replace("/", ".").strip(".")
    file_hint = module_name.replace(".", "/") + ".py"
    import importlib
    import importlib.util
    if CODE_ROOT not in sys.path:
        sys.path.insert(0, CODE_ROOT)
    try:
        found = importlib.util.find_spec(module_name)
    except (ImportError, ValueError):
        found = None
    if found is None:
        raise HandlerNotFound("%s %s not found: no file %s in %s" % (what, spec, file_hint, CODE_ROOT))
    module = importlib.import_module(module_name)
    fn = getattr(module, name, None)
    if not callable(fn):
        names = [n for n in dir(module) if not n.startswith("_") and callable(getattr(module, n, None))]
        raise HandlerNotFound('%s %s not found: %s has no function "%s"%s' % (
            what, spec, file_hint, name, " (it defines: %s)" % ", ".join(names) if names else ""))
    return fn


def error_body(exc, prefix=""):
    import traceback
    # The user's frames only: the shim's own tell them nothing.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.abspath(f.filename) != SHIM_FILE]
    body = {"errorMessage": prefix + str(exc), "errorType": type(exc).__name__}
    if frames:
        body["stackTrace"] = [line.rstrip("\n") for part in traceback.format_list(frames) for line in part.splitlines()]
    return json.dumps(body).encode("utf-8")


def result_body(value):
    """RT-3: str as it is, bytes as they are, everything else JSON-encoded."""
    if isinstance(value, str):
        return value.encode("utf-8"), "text/plain; charset=utf-8"
    if isinstance(value, (bytes, bytearray)):
        return bytes(value), "application/octet-stream"
    return json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json"


# ---------------------------------------------------------------------------------------------
# The loop

# INV-7: an initializer that failed fails every invocation of this instance. The instance stays up:
# exiting right after answering would race with the engine's next delivery.
init_failure = None


def initialize():
    """INV-7: once per instance, before the first handler call, within its own timeout."""
    global init_failure
    if not INITIALIZER:
        return
    outcome = {}

    def run():
        try:
            fn = resolve_function(INITIALIZER, "initializer")
            context = Context("", {}, INIT_TIMEOUT_S)
            if _take_stop_on_entry():
                sys.modules["debugpy"].breakpoint()  # stopOnEntry: Step Into (F11) enters your initializer
            fn(context)
            outcome["ok"] = True
        except BaseException as exc:  # noqa: the user's code may raise anything, even SystemExit
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="initializer", daemon=True)
    worker.start()
    worker.join(None if UNDER_DEBUGGER else INIT_TIMEOUT_S)
    if worker.is_alive():
        init_failure = InitializerTimeout("timed out after %g s" % INIT_TIMEOUT_S)
    elif "error" in outcome:
        init_failure = outcome["error"]
    if init_failure is not None:
        sys.stderr.write("Initializer %s failed: %s: %s\n" % (INITIALIZER, type(init_failure).__name__, init_failure))


def handle(request_id, headers, raw):
    """Returns (kind, body, content type)."""
    if init_failure is not None:
        return "error", error_body(init_failure, "Initializer %s failed: " % INITIALIZER), "application/json"
    try:
        text = raw.decode("utf-8")
        event = json.loads(text) if text.strip() else {}
    except ValueError as exc:
        err = InvalidEvent("the event is not valid JSON (%s); Python handlers get the parsed JSON test event" % exc)
        return "error", error_body(err), "application/json"
    try:
        fn = resolve_function(HANDLER, "handler")
        context = Context(request_id, headers, TIMEOUT_S)
        if _take_stop_on_entry():
            sys.modules["debugpy"].breakpoint()  # stopOnEntry: Step Into (F11) enters your handler
        result = fn(event, context)
    except Exception as exc:
        return "error", error_body(exc), "application/json"
    try:
        body, content_type = result_body(result)
        return "response", body, content_type
    except (TypeError, ValueError) as exc:
        return "error", error_body(exc, "the result could not be JSON-encoded: "), "application/json"


def main():
    initialize()
    refused_since = 0.0
    while True:
        try:
            status, headers, raw = api.request("GET", BASE + "request")
            refused_since = 0.0
        except (OSError, ValueError):
            api.close()
            # Nobody listens any more: the emulator is gone, do not linger as an orphan.
            refused_since = refused_since or time.time()
            if time.time() - refused_since > 10:
                sys.exit(1)
            time.sleep(0.05)
            continue
        request_id = headers.get("x-cff-request-id", "")
        if status != 200 or not request_id:
            time.sleep(0.05)  # API-5: no request ID, try again shortly
            continue
        kind, body, content_type = handle(request_id, headers, raw)
        try:
            reply_status, _, reply = api.request("POST", BASE + kind + "/" + request_id, body, content_type)
            if reply_status != 200:
                sys.stderr.write("Runtime API answered %d to the %s of %s: %s\n" % (
                    reply_status, kind, request_id, reply.decode("utf-8", "replace")))
        except (OSError, ValueError) as exc:
            api.close()
            sys.stderr.write("Could not post the %s of %s: %s\n" % (kind, request_id, exc))


if __name__ == "__main__":
    main()
