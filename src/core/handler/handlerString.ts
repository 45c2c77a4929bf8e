// What a function's Handler string names, per runtime family: the files the runtime tries and the
// symbol it calls. The linter checks them; the CodeLens finds the handler's file with them.

export type SourceLanguage = 'node' | 'python' | 'php' | 'java' | 'go-plugin' | 'go-exe' | 'csharp';

export interface HandlerTarget {
  lang: SourceLanguage;
  /** Candidate files, relative to the code root, in the order the runtime tries them. */
  files: string[];
  symbol?: string;
  /** Folder prefix written in the handler (`src/` in `src/index.handler`). */
  module: string;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const PY_IDENT = /^[A-Za-z_]\w*$/;
const EXTENSION = /^(js|mjs|cjs|ts|py|php|go|java|cs|sh)$/i;

export const HANDLER_FORMATS: Record<string, string> = {
  nodejs: '[folder/]file.export, e.g. index.handler or src/index.handler',
  python: '[folder/]module.function, e.g. index.handler or src/index.handler',
  php: '[folder/]file.function, e.g. index.handler',
  java: 'package.Class.method, e.g. com.example.Handler.handleRequest',
  csharp: 'Assembly::Namespace.Class::Method',
  go: 'the executable\'s name (e.g. handler), or plugin.Handler for a legacy Go plugin',
};

/** A folder prefix the platform accepts: relative, no `..`, no backslashes. */
const safeFolder = (folder: string) => !folder.startsWith('/') && !folder.includes('\\') && !folder.split('/').includes('..');

/** What a handler string means for `family`: its target, or why it does not fit the format. */
export function parseHandler(family: string, handler: string): { target?: HandlerTarget; formatError?: boolean; extensionFix?: string } {
  const h = handler.trim();
  if (!h) return {};
  const lastDot = h.lastIndexOf('.');
  const file = lastDot > 0 ? h.slice(0, lastDot) : '';
  const symbol = lastDot > 0 ? h.slice(lastDot + 1) : '';
  const withExt = /^(.*)\.(js|mjs|cjs|ts|py|php)$/i.exec(file);
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
  switch (family) {
    case 'nodejs':
    case 'php': {
      if (!file || EXTENSION.test(symbol)) return { formatError: !file, extensionFix: EXTENSION.test(symbol) && file ? `${file}.handler` : undefined };
      if (withExt) return { extensionFix: `${withExt[1]}.${symbol}` };
      if (!IDENT.test(symbol) || !safeFolder(file)) return { formatError: true };
      const files = family === 'php' ? [`${file}.php`] : [`${file}.js`, `${file}.mjs`, `${file}.cjs`, `${file}/index.js`];
      return { target: { lang: family === 'php' ? 'php' : 'node', files, symbol, module: folder } };
    }
    case 'python': {
      // [folder/]module.function: the platform and its Python guide accept src/index.handler, and a
      // dotted module (pkg.mod.handler) is a file inside a package.
      if (!file || EXTENSION.test(symbol)) return { formatError: !file, extensionFix: EXTENSION.test(symbol) && file ? `${file}.handler` : undefined };
      if (withExt) return { extensionFix: `${withExt[1]}.${symbol}` };
      const moduleParts = file.slice(folder.length).split('.');
      if (!PY_IDENT.test(symbol) || !moduleParts.every((p) => PY_IDENT.test(p)) || !safeFolder(folder)) return { formatError: true };
      const mod = folder + moduleParts.join('/');
      return { target: { lang: 'python', files: [`${mod}.py`, `${mod}/__init__.py`], symbol, module: folder } };
    }
    case 'java': {
      if (!/^([A-Za-z_$][\w$]*\.){2,}[A-Za-z_$][\w$]*$/.test(h)) return { formatError: true };
      // The class's source, in a Maven layout or at the root; the platform itself loads the compiled
      // class from the JARs (the Java rules check those).
      const source = `${file.replace(/\./g, '/')}.java`;
      return { target: { lang: 'java', files: [`src/main/java/${source}`, source], symbol, module: '' } };
    }
    case 'csharp': {
      const m = /^([\w.-]+)::([\w.]+)\.([\w]+)::(\w+)$/.exec(h);
      return m ? { target: { lang: 'csharp', files: [`${m[1]}.dll`], module: '' } } : { formatError: true };
    }
    case 'go': {
      // A path is no Go 1.x handler: the linter's go-handler-path says so (with its fixes).
      if (/[/\\]/.test(h)) return {};
      if (/^[\w.-]+$/.test(h) && !h.includes('.')) return { target: { lang: 'go-exe', files: [h], module: '' } };
      const m = /^([\w-]+)\.([A-Za-z_]\w*)$/.exec(h);
      return m ? { target: { lang: 'go-plugin', files: [`${m[1]}.so`], symbol: m[2], module: '' } } : { formatError: true };
    }
    default:
      return {}; // custom, http: bootstrap decides (PKG-4)
  }
}
