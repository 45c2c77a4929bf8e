// The PHP function finder (core/handler/php): what lint and CodeLens read from a handler file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPhpFunction, phpFunctionNames, phpFunctions } from '../../../src/core/handler/php';

void describe('PHP function finder', () => {
  it('finds top-level functions with their 0-based line and column, case-insensitively by name', () => {
    const src = '<?php\n\nfunction initializer($context) {}\n\n  function &Handler($event, $context)\n{\n  return 1;\n}\n';
    assert.deepEqual(phpFunctions(src).map((f) => [f.name, f.line, f.column, f.conditional]), [['initializer', 2, 9, false], ['Handler', 4, 12, false]]);
    assert.equal(findPhpFunction(src, 'handler')?.line, 4, 'PHP function names are case-insensitive');
  });

  it('does not count methods, closures, comments, strings, heredocs or inline HTML', () => {
    const src = [
      '<h1>function handler() in HTML</h1>',
      '<?php',
      '// function handler($a) {}',
      '# function handler($a) {}',
      '/* function handler($a) {} */',
      '$s = "function handler() {}"; $t = \'function handler() {}\';',
      '$h = <<<EOT',
      'function handler() {}',
      'EOT;',
      '$n = <<<\'EOT\'',
      '  function handler() {}',
      '  EOT;',
      'class Service { public function handler($e, $c) { $f = function ($x) { return $x; }; } }',
      '$anon = new class { function handler() {} };',
      'interface I { function handler(); }',
      'trait T { function handler() {} }',
      '$obj->function(1); Foo::function(2);',
      'use function Other\\handler;',
      '$x = array_map(function ($v) { return $v; }, []);',
      'function real($event, $context) { return Service::class; }',
      '?>',
      '<p>function handler() again</p>',
    ].join('\n');
    assert.deepEqual(phpFunctionNames(src), ['real']);
    assert.equal(findPhpFunction(src, 'handler'), undefined);
  });

  it('keeps the namespace, and marks functions declared under a condition', () => {
    const src = '<?php\nnamespace App\\Fn;\n\nfunction handler($e, $c) {}\nif (!function_exists("helper")) {\n  function helper() {}\n}\n';
    assert.deepEqual(phpFunctionNames(src), ['App\\Fn\\handler', 'App\\Fn\\helper']);
    assert.equal(findPhpFunction(src, 'handler'), undefined, 'App\\Fn\\handler is not the global handler the runtime calls');
    const plain = '<?php\nif (!function_exists("handler")) {\n  function handler($e, $c) {}\n}\n';
    assert.equal(findPhpFunction(plain, 'handler')?.conditional, true);
  });
});

void describe('phpFinder (the handler module\'s PHP finder)', () => {
  it('finds the handler with its line; a method, a comment or a namespaced function is not it', async () => {
    const { finderFor, findHandlerIn } = await import('../../../src/core/handler');
    const php = finderFor('php')!;
    assert.deepEqual(php.find('<?php\n\nfunction handler($e, $c) {}\n', 'handler'), { presence: 'defined', line: 2 });
    assert.deepEqual(php.find('<?php\n// function handler($e, $c) {}\nclass A { function handler() {} }\n', 'handler'), { presence: 'missing' });
    assert.deepEqual(php.find('<?php\nnamespace App;\nfunction handler($e, $c) {}\n', 'handler'), { presence: 'missing' });
    assert.deepEqual(php.symbols('<?php\nnamespace App;\nfunction handler($e, $c) {}\n'), ['App\\handler']);
    assert.equal(php.find("<?php\nrequire 'lib.php';\n$x = 'handler';\n", 'handler').presence, 'unsure', 'it may come from the included file');
    assert.equal(findHandlerIn('php', 'src/index.handler', 'src/index.php', '<?php\nfunction handler($e, $c) {}\n')?.line, 1, 'CodeLens asks through findHandlerIn');
  });
});
