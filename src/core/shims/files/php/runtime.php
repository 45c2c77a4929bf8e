<?php
// FunctionGraph Toolkit runtime shim for PHP handlers (contract RT-*, INV-7).
// One plain file that needs no extension beyond a default PHP CLI (PHP 7.0 or newer): it is the
// instance's process, speaks the custom runtime API (API-1..5) like any bootstrap, and calls the
// user's unchanged `function handler($event, $context)`.
// The user's files are required at the top level of this script, never inside a function, so that
// their top-level variables are globals (`global $db;` in a handler works as on the platform).
namespace FunctionGraphToolkit\Shim;

const BASE = '/v1/runtime/invocation/';

/** The instance's settings, read once from the environment (ENV-1). */
final class Env
{
    public static $host = '127.0.0.1';
    public static $port = 8080;
    public static $codeRoot = '';
    public static $handler = 'index.handler';
    public static $initializer = '';
    public static $timeoutS = 3.0;
    public static $initTimeoutS = 3.0;
    public static $underDebugger = false;
    public static $stopOnEntry = false;
    private static $userData = null;

    public static function read()
    {
        $addr = getenv('RUNTIME_API_ADDR') ?: '127.0.0.1:8080';
        $colon = strrpos($addr, ':');
        self::$host = $colon === false ? $addr : substr($addr, 0, $colon);
        self::$port = $colon === false ? 80 : (int) substr($addr, $colon + 1);
        $root = getenv('RUNTIME_CODE_ROOT') ?: getcwd();
        self::$codeRoot = rtrim(realpath($root) ?: $root, '/');
        self::$handler = getenv('RUNTIME_HANDLER') ?: 'index.handler';
        self::$initializer = getenv('RUNTIME_INITIALIZER_HANDLER') ?: '';
        self::$timeoutS = self::number('RUNTIME_TIMEOUT', 3);
        self::$initTimeoutS = self::number('RUNTIME_INITIALIZER_TIMEOUT', self::$timeoutS);
        // Under Xdebug the debugger holds the clock: the emulator pauses its timeout while the user's
        // code is stopped, so the initializer timeout here is off too.
        self::$underDebugger = function_exists('xdebug_is_debugger_active') && \xdebug_is_debugger_active();
        // stopOnEntry of the debug adapter: pause once, right before the first call into the user's code.
        self::$stopOnEntry = getenv('FGTK_STOP_ON_ENTRY') === '1' && self::$underDebugger;
        putenv('FGTK_STOP_ON_ENTRY'); // ours, not the function's
    }

    private static function number($name, $default)
    {
        $v = getenv($name);
        return is_numeric($v) ? (float) $v : (float) $default;
    }

    public static function userData()
    {
        if (self::$userData === null) {
            $parsed = json_decode(getenv('RUNTIME_USERDATA') ?: '{}', true);
            self::$userData = is_array($parsed) ? $parsed : array();
        }
        return self::$userData;
    }

    /** True once, the first time user code is about to run under stopOnEntry. */
    public static function takeStopOnEntry()
    {
        $stop = self::$stopOnEntry;
        self::$stopOnEntry = false;
        return $stop;
    }
}

// ---------------------------------------------------------------------------------------------
// A minimal keep-alive HTTP/1.1 client for the runtime API, on a plain TCP stream: PHP's HTTP
// wrapper (file_get_contents) opens a connection per request and sends `Connection: close`, which
// costs more than the shim's whole warm path; curl is an extension the CLI may lack.

final class ApiDown extends \Exception
{
}

final class Api
{
    private static $sock = null;

    public static function close()
    {
        if (self::$sock !== null) {
            @fclose(self::$sock);
        }
        self::$sock = null;
    }

    /** [status, headers with lower-case names, body]. */
    public static function request($method, $path, $body = null, $type = 'application/json')
    {
        $reused = self::$sock !== null;
        try {
            return self::send($method, $path, $body, $type);
        } catch (ApiDown $e) {
            self::close();
            if (!$reused) {
                throw $e;
            }
            // The server closed an idle keep-alive socket: once more on a fresh one.
            return self::send($method, $path, $body, $type);
        }
    }

    private static function connect()
    {
        $context = stream_context_create(array('socket' => array('tcp_nodelay' => true)));
        $sock = @stream_socket_client('tcp://' . Env::$host . ':' . Env::$port, $errno, $errstr, 5, STREAM_CLIENT_CONNECT, $context);
        if ($sock === false) {
            throw new ApiDown('cannot connect to the runtime API at ' . Env::$host . ':' . Env::$port . ': ' . $errstr);
        }
        // The GET long-polls until an event comes: no read timeout (default_socket_timeout is 60 s).
        stream_set_timeout($sock, 86400 * 365);
        self::$sock = $sock;
    }

    private static function send($method, $path, $body, $type)
    {
        if (self::$sock === null) {
            self::connect();
        }
        $head = $method . ' ' . $path . " HTTP/1.1\r\nHost: " . Env::$host . ':' . Env::$port . "\r\n";
        if ($body !== null) {
            $head .= 'Content-Type: ' . $type . "\r\nContent-Length: " . strlen($body) . "\r\n";
        }
        self::write($head . "\r\n" . ($body === null ? '' : $body));
        $status = self::line();
        if ($status === '') {
            throw new ApiDown('the runtime API closed the connection');
        }
        $parts = explode(' ', $status, 3);
        $headers = array();
        while (($line = self::line()) !== '' && $line !== "\r\n" && $line !== "\n") {
            $colon = strpos($line, ':');
            if ($colon !== false) {
                $headers[strtolower(trim(substr($line, 0, $colon)))] = trim(substr($line, $colon + 1));
            }
        }
        if (isset($headers['transfer-encoding']) && stripos($headers['transfer-encoding'], 'chunked') !== false) {
            $data = self::chunked();
        } else {
            $data = self::exactly(isset($headers['content-length']) ? (int) $headers['content-length'] : 0);
        }
        if (isset($headers['connection']) && strcasecmp($headers['connection'], 'close') === 0) {
            self::close();
        }
        return array(isset($parts[1]) ? (int) $parts[1] : 0, $headers, $data);
    }

    private static function write($bytes)
    {
        for ($done = 0, $n = strlen($bytes); $done < $n; $done += $wrote) {
            $wrote = @fwrite(self::$sock, $done === 0 ? $bytes : substr($bytes, $done));
            if ($wrote === false || $wrote === 0) {
                throw new ApiDown('the runtime API closed the connection');
            }
        }
    }

    private static function line()
    {
        $line = fgets(self::$sock);
        if ($line === false) {
            if (feof(self::$sock)) {
                throw new ApiDown('the runtime API closed the connection');
            }
            return '';
        }
        return $line;
    }

    private static function exactly($n)
    {
        $data = '';
        while (strlen($data) < $n) {
            $chunk = fread(self::$sock, $n - strlen($data));
            if ($chunk === false || ($chunk === '' && feof(self::$sock))) {
                throw new ApiDown('the runtime API closed the connection');
            }
            $data .= $chunk;
        }
        return $data;
    }

    private static function chunked()
    {
        $data = '';
        for (;;) {
            $size = hexdec(trim(explode(';', self::line())[0]));
            if ($size === 0) {
                while (trim(self::line()) !== '') {
                    // trailers
                }
                return $data;
            }
            $data .= self::exactly($size);
            self::line();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Context (RT-2) and its logger

final class Logger
{
    private $requestId;

    public function __construct($requestId)
    {
        $this->requestId = $requestId;
    }

    public function debug($message, ...$args)
    {
        $this->write('DEBUG', $message, $args);
    }

    public function info($message, ...$args)
    {
        $this->write('INFO', $message, $args);
    }

    public function warn($message, ...$args)
    {
        $this->write('WARN', $message, $args);
    }

    public function warning($message, ...$args)
    {
        $this->write('WARN', $message, $args);
    }

    public function error($message, ...$args)
    {
        $this->write('ERROR', $message, $args);
    }

    /** INV-6: every line carries the UTC time and the request ID, then the level. */
    private function write($level, $message, array $args)
    {
        $text = is_scalar($message) || $message === null || (is_object($message) && method_exists($message, '__toString'))
            ? (string) $message
            : json_encode($message, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        if ($args) {
            // printf-style when the message has placeholders for them, else the values appended.
            $formatted = strpos($text, '%') !== false ? @vsprintf($text, $args) : false;
            $text = is_string($formatted) ? $formatted : $text . ' ' . implode(' ', array_map(function ($a) {
                return is_scalar($a) ? (string) $a : json_encode($a, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
            }, $args));
        }
        $now = microtime(true);
        $time = gmdate('Y-m-d\TH:i:s', (int) $now) . sprintf('.%03dZ', (int) (($now - floor($now)) * 1000));
        fwrite(STDOUT, $time . ' ' . $this->requestId . ' ' . $level . ' ' . $text . "\n");
    }
}

final class Context
{
    private $requestId;
    private $headers;
    private $timeoutS;
    private $deadline;
    private $logger = null;

    public function __construct($requestId, array $headers, $timeoutS)
    {
        $this->requestId = $requestId;
        $this->headers = $headers;
        $this->timeoutS = $timeoutS;
        $this->deadline = microtime(true) + $timeoutS;
    }

    private function header($name)
    {
        return isset($this->headers[$name]) ? (string) $this->headers[$name] : '';
    }

    public function getRequestID()
    {
        return $this->requestId;
    }

    public function getRemainingTimeInMilliSeconds()
    {
        return max(0, (int) (($this->deadline - microtime(true)) * 1000));
    }

    // API-2 credentials, present only when configured. The deprecated AK/SK getters return the
    // same temporary credentials as their Security* successors.
    public function getAccessKey()
    {
        return $this->header('x-cff-access-key');
    }

    public function getSecretKey()
    {
        return $this->header('x-cff-secret-key');
    }

    public function getSecurityAccessKey()
    {
        return $this->header('x-cff-access-key');
    }

    public function getSecuritySecretKey()
    {
        return $this->header('x-cff-secret-key');
    }

    public function getSecurityToken()
    {
        return $this->header('x-cff-security-token');
    }

    public function getToken()
    {
        return $this->header('x-cff-auth-token');
    }

    public function getUserData($key, $default = null)
    {
        $data = Env::userData();
        return array_key_exists($key, $data) ? $data[$key] : $default;
    }

    public function getFunctionName()
    {
        return (string) getenv('RUNTIME_FUNC_NAME');
    }

    public function getRunningTimeInSeconds()
    {
        return $this->timeoutS == (int) $this->timeoutS ? (int) $this->timeoutS : $this->timeoutS;
    }

    public function getVersion()
    {
        return getenv('RUNTIME_FUNC_VERSION') ?: 'latest';
    }

    public function getMemorySize()
    {
        return (int) (getenv('RUNTIME_MEMORY') ?: 128);
    }

    public function getCPUNumber()
    {
        return (int) getenv('RUNTIME_CPU');
    }

    public function getPackage()
    {
        return getenv('RUNTIME_PACKAGE') ?: 'default';
    }

    public function getProjectID()
    {
        return (string) getenv('RUNTIME_PROJECT_ID');
    }

    public function getAlias()
    {
        return (string) getenv('RUNTIME_ALIAS');
    }

    public function getInvokeType()
    {
        return $this->header('x-cff-invoke-type') ?: 'sync';
    }

    public function getLogger()
    {
        if ($this->logger === null) {
            $this->logger = new Logger($this->requestId);
        }
        return $this->logger;
    }
}

// ---------------------------------------------------------------------------------------------
// Finding the user's code (PKG-4: `[dir/]file.function`, `src/index.handler` → src/index.php)

final class HandlerNotFound extends \Exception
{
}

final class InitializerTimeout extends \Exception
{
}

final class InvalidEvent extends \Exception
{
}

final class Loader
{
    /** File (relative to the code root) => the Throwable its require threw, for files that failed to load. */
    public static $failed = array();
    /** Files whose require finished. */
    public static $loaded = array();

    /** [file relative to the code root, function name] of a handler string, or a HandlerNotFound. */
    public static function split($spec, $what)
    {
        $dot = strrpos($spec, '.');
        if ($dot === false || $dot === 0 || $dot === strlen($spec) - 1) {
            return new HandlerNotFound('the ' . $what . ' "' . $spec . '" is not in the form [dir/]file.function, e.g. index.' . $what);
        }
        return array(substr($spec, 0, $dot) . '.php', substr($spec, $dot + 1));
    }

    /** Absolute paths of the files to require at the top level, in order (initializer first). */
    public static function filesToLoad()
    {
        $files = array();
        foreach (array(Env::$initializer, Env::$handler) as $spec) {
            if ($spec === '') {
                continue;
            }
            $split = self::split($spec, 'handler');
            if (is_array($split) && is_file(Env::$codeRoot . '/' . $split[0]) && !in_array($split[0], $files, true)) {
                $files[] = $split[0];
            }
        }
        return $files;
    }

    /** The callable named by `$spec`, or throws what stops it from being called. */
    public static function resolve($spec, $what)
    {
        $split = self::split($spec, $what);
        if (!is_array($split)) {
            throw $split;
        }
        list($file, $name) = $split;
        if (isset(self::$failed[$file])) {
            throw self::$failed[$file];
        }
        if (!isset(self::$loaded[$file])) {
            throw new HandlerNotFound($what . ' ' . $spec . ' not found: no file ' . $file . ' in ' . Env::$codeRoot);
        }
        if (!function_exists($name)) {
            $defined = self::functionsIn(Env::$codeRoot . '/' . $file);
            throw new HandlerNotFound($what . ' ' . $spec . ' not found: ' . $file . ' has no function "' . $name . '"'
                . ($defined ? ' (it defines: ' . implode(', ', $defined) . ')' : ' (it defines no function)'));
        }
        return $name;
    }

    /** Names of the global functions declared in `$path` (for the "not found" message). */
    private static function functionsIn($path)
    {
        $names = array();
        $functions = get_defined_functions();
        foreach ($functions['user'] as $fn) {
            $r = new \ReflectionFunction($fn);
            if ($r->getFileName() === $path && strpos($r->getName(), '\\') === false) {
                $names[] = $r->getName();
            }
        }
        return $names;
    }
}

// ---------------------------------------------------------------------------------------------
// Calling user functions, results and errors

final class Invoke
{
    /** INV-7: an initializer that failed fails every invocation of this instance. */
    public static $initFailure = null;

    /** INV-7: once per instance, before the first GET, within its own timeout. */
    public static function initialize()
    {
        if (Env::$initializer === '') {
            return;
        }
        $alarm = !Env::$underDebugger && function_exists('pcntl_alarm') && function_exists('pcntl_async_signals');
        try {
            $fn = Loader::resolve(Env::$initializer, 'initializer');
            $context = new Context('', array(), Env::$initTimeoutS);
            if ($alarm) {
                // No pcntl (not every PHP build has it): the emulator's start-up limit still applies.
                pcntl_async_signals(true);
                pcntl_signal(SIGALRM, function () {
                    throw new InitializerTimeout('timed out after ' . Env::$initTimeoutS . ' s');
                });
                pcntl_alarm(max(1, (int) ceil(Env::$initTimeoutS)));
            }
            // stopOnEntry: Xdebug breaks at the first statement it meets after xdebug_break(); called
            // inside the statement that calls your initializer, that is the initializer's first line.
            Env::takeStopOnEntry() && \xdebug_break() ? $fn($context) : $fn($context);
        } catch (\Throwable $e) {
            self::$initFailure = $e;
            fwrite(STDERR, 'Initializer ' . Env::$initializer . ' failed: ' . get_class($e) . ': ' . $e->getMessage() . "\n");
        } finally {
            if ($alarm) {
                pcntl_alarm(0);
                pcntl_signal(SIGALRM, SIG_DFL);
            }
        }
    }

    /** [kind, body, content type] for one event. */
    public static function handle($requestId, array $headers, $raw)
    {
        if (self::$initFailure !== null) {
            return array('error', self::errorBody(self::$initFailure, 'Initializer ' . Env::$initializer . ' failed: '), 'application/json');
        }
        // RT-1: objects, as the platform decodes events (`$event->path`); an empty event is {}.
        $event = trim($raw) === '' ? new \stdClass() : json_decode($raw);
        if ($event === null && json_last_error() !== JSON_ERROR_NONE) {
            $err = new InvalidEvent('the event is not valid JSON (' . json_last_error_msg() . '); PHP handlers get the decoded JSON test event');
            return array('error', self::errorBody($err), 'application/json');
        }
        try {
            $fn = Loader::resolve(Env::$handler, 'handler');
            $context = new Context($requestId, $headers, Env::$timeoutS);
            // stopOnEntry: as for the initializer, the break lands on your handler's first line.
            $result = Env::takeStopOnEntry() && \xdebug_break() ? $fn($event, $context) : $fn($event, $context);
        } catch (\Throwable $e) {
            return array('error', self::errorBody($e), 'application/json');
        }
        // RT-3: strings as they are, everything else JSON-encoded.
        if (is_string($result)) {
            return array('response', $result, 'text/plain; charset=utf-8');
        }
        $json = json_encode($result, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        if ($json === false) {
            $err = json_last_error_msg();
            return array('error', json_encode(array('errorMessage' => 'the result could not be JSON-encoded: ' . $err, 'errorType' => 'JsonException')), 'application/json');
        }
        return array('response', $json, 'application/json');
    }

    /** INV-3 `{errorMessage, errorType, stackTrace}` with the user's frames only. */
    public static function errorBody(\Throwable $e, $prefix = '')
    {
        $message = $e->getMessage();
        if ($e instanceof \ParseError || $e instanceof \CompileError) {
            $message .= ' in ' . self::relative($e->getFile()) . ' on line ' . $e->getLine();
        }
        $body = array('errorMessage' => $prefix . $message, 'errorType' => self::shortName(get_class($e)));
        $frames = array();
        if ($e->getFile() !== __FILE__) {
            $frames[] = $e->getFile() . '(' . $e->getLine() . ')';
        }
        foreach ($e->getTrace() as $frame) {
            if (!isset($frame['file']) || $frame['file'] === __FILE__) {
                continue;
            }
            $call = (isset($frame['class']) ? $frame['class'] . $frame['type'] : '') . (isset($frame['function']) ? $frame['function'] . '()' : '');
            $frames[] = $frame['file'] . '(' . $frame['line'] . '): ' . $call;
        }
        if ($frames) {
            $body['stackTrace'] = $frames;
        }
        $json = json_encode($body, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PARTIAL_OUTPUT_ON_ERROR);
        return $json === false ? '{"errorMessage":"(unprintable error)","errorType":"Error"}' : $json;
    }

    private static function shortName($class)
    {
        // Our own exception classes by their plain names, as the other runtimes report them.
        return strpos($class, __NAMESPACE__ . '\\') === 0 ? substr($class, strlen(__NAMESPACE__) + 1) : $class;
    }

    private static function relative($path)
    {
        return strpos($path, Env::$codeRoot . '/') === 0 ? substr($path, strlen(Env::$codeRoot) + 1) : $path;
    }

    public static function loop()
    {
        $refusedSince = 0;
        for (;;) {
            try {
                list($status, $headers, $raw) = Api::request('GET', BASE . 'request');
                $refusedSince = 0;
            } catch (ApiDown $e) {
                Api::close();
                // Nobody listens any more: the emulator is gone, do not linger as an orphan.
                $refusedSince = $refusedSince ?: microtime(true);
                if (microtime(true) - $refusedSince > 10) {
                    exit(1);
                }
                usleep(50000);
                continue;
            }
            $id = isset($headers['x-cff-request-id']) ? $headers['x-cff-request-id'] : '';
            if ($status !== 200 || $id === '') {
                usleep(50000); // API-5: no request ID, try again shortly
                continue;
            }
            list($kind, $body, $type) = self::handle($id, $headers, $raw);
            try {
                list($replyStatus, , $reply) = Api::request('POST', BASE . $kind . '/' . rawurlencode($id), $body, $type);
                if ($replyStatus !== 200) {
                    fwrite(STDERR, 'Runtime API answered ' . $replyStatus . ' to the ' . $kind . ' of ' . $id . ': ' . $reply . "\n");
                }
            } catch (ApiDown $e) {
                Api::close();
                fwrite(STDERR, 'Could not post the ' . $kind . ' of ' . $id . ': ' . $e->getMessage() . "\n");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Start: read the settings, load the user's files at the top level (see the header), serve.

Env::read();
chdir(Env::$codeRoot);
foreach (Loader::filesToLoad() as $__fgtkFile) {
    try {
        require_once Env::$codeRoot . '/' . $__fgtkFile;
        Loader::$loaded[$__fgtkFile] = true;
    } catch (\Throwable $__fgtkError) {
        // A syntax error or a throw at load time: reported as the error of every invocation.
        Loader::$failed[$__fgtkFile] = $__fgtkError;
        fwrite(STDERR, 'Loading ' . $__fgtkFile . ' failed: ' . get_class($__fgtkError) . ': ' . $__fgtkError->getMessage() . ' in ' . $__fgtkError->getFile() . ' on line ' . $__fgtkError->getLine() . "\n");
    }
}
unset($__fgtkFile, $__fgtkError);
Invoke::initialize();
Invoke::loop();
