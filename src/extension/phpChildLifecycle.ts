// PHP Debug's session (xdebug.php-debug, the `php` child of a functiongraph session) listens for
// Xdebug until it is told to stop: a PHP process disconnecting does not end it (another may connect),
// unlike js-debug, debugpy or Delve, whose sessions end with their debuggee. And VS Code does not end
// a child whose lifecycle its parent manages (lifecycleManagedByParent) when that parent ends: the
// PHP Debug session stayed in the Call Stack, listening, after Stop (seen with the real extension in
// test/vscode/suite/phpDebugExtension.test.ts). So when a functiongraph session ends, its php
// children are disconnected here; PHP Debug's adapter then exits, which ends its session.
import * as vscode from 'vscode';
import { PHP_DEBUG_TYPE } from '../shared/phpChildConfiguration';

export function endPhpChildrenWithParent(parentType: string, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const children = new Map<string, vscode.DebugSession>();
  return [
    vscode.debug.onDidStartDebugSession((s) => {
      if (s.type === PHP_DEBUG_TYPE && s.parentSession?.type === parentType) children.set(s.id, s);
    }),
    vscode.debug.onDidTerminateDebugSession((ended) => {
      children.delete(ended.id);
      if (ended.type !== parentType) return;
      for (const child of children.values()) {
        if (child.parentSession?.id !== ended.id) continue;
        children.delete(child.id);
        child.customRequest('disconnect', { terminateDebuggee: true })
          .then(() => log.info(`Ended the ${PHP_DEBUG_TYPE} session "${child.name}" with its functiongraph session`), (err: Error) => log.warn(`disconnect ${child.name}: ${err.message}`));
      }
    }),
  ];
}
