// (ours) Secrets and deployment leftovers inside a ZIP: a .env, Terraform state (which holds every
// resource's attributes, passwords included), its variables and plugin folder, a stale ZIP. fgtk
// package leaves them out (one list, package/data/default-ignore.json); a ZIP built otherwise gets
// one warning per file, by name.
import { t } from '../../l10n';
import { isSecretPath } from '../../archive';
import type { Finding, Rule } from '../context';

export const packageSecret: Rule = {
  id: 'package-secret',
  contract: '(ours)',
  severity: 'warning',
  check(ctx) {
    if (ctx.view.kind !== 'zip') return [];
    const out: Finding[] = [];
    const reportedFolders: string[] = [];
    for (const e of ctx.view.entries()) {
      if (reportedFolders.some((f) => e.path.startsWith(f))) continue;
      // A folder such as terraform/.terraform/ is named once, not file by file.
      const parts = e.path.split('/');
      const folder = parts.slice(0, -1).findIndex((_, i) => isSecretPath(parts.slice(0, i + 1).join('/'), true));
      const name = folder >= 0 ? `${parts.slice(0, folder + 1).join('/')}/` : e.kind !== 'dir' && isSecretPath(e.path) ? e.path : undefined;
      if (!name) continue;
      if (folder >= 0) reportedFolders.push(name);
      out.push({ message: t('The ZIP holds "{0}", a secret or deployment leftover that does not belong in a function package. Build the ZIP with fgtk package, which leaves it out.', name), file: ctx.view.location, entry: name });
    }
    return out;
  },
};
