// What a Go 1.x handler name means (builtin-runtimes.md 1.1): the file name of an executable at the
// root of the package. The linter and the Go launch both say it the same way.
import { t } from '../l10n';

/** The `go build` line that makes what the platform runs; every message that asks for a rebuild shows it. */
export function goBuildCommand(handler: string): string {
  return `GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o ${handler} .`;
}

/** What is wrong with a Go 1.x handler name, or undefined. */
export function goHandlerProblem(handler: string): string | undefined {
  const h = handler.trim();
  if (!h) return t('Handler is empty: a Go 1.x function names its executable, e.g. Handler: handler (the file go build -o handler writes).');
  if (/[/\\]/.test(h)) {
    const name = h.split(/[/\\]/).filter(Boolean).pop() ?? 'handler';
    return t('Handler "{0}" has a path: a Go 1.x handler is the file name of the executable at the root of the package, e.g. Handler: {1}. Build it to the root ({2}) and name it only.', h, name, goBuildCommand(name));
  }
  if (/^[\w-]+\.[A-Za-z_]\w*$/.test(h) && !/\.(exe|bin)$/.test(h)) {
    return t('Handler "{0}" is a Go 1.8 plugin handler (file.Symbol); Go 1.x runs an executable: build one ({1}) and set Handler to its name.', h, goBuildCommand('handler'));
  }
  return undefined;
}
