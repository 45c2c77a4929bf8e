// PKG-6: what the platform refuses for size. Limits are settings; sizes come from the central
// directory (declared sizes), never from extracting.
import { formatBytes } from '../../format';
import { t } from '../../l10n';
import type { Rule } from '../context';

const MB = 1024 * 1024;
/** Limits are settings in MB (the contract's numbers): shown as set, sizes through formatBytes. */
const mb = (limitMB: number) => `${limitMB} MB`;

export const packageTooLarge: Rule = {
  id: 'package-too-large',
  contract: 'PKG-6',
  severity: 'error',
  check(ctx) {
    const { maxZipSizeMB, maxObsZipSizeMB } = ctx.settings;
    if (ctx.view.kind === 'zip') {
      const size = ctx.view.archiveSize ?? 0;
      if (size > maxObsZipSizeMB * MB) {
        return [{ message: t('The ZIP is {0}, over the {1} the platform accepts even through OBS. Leave out what the function does not need (tests, docs, dev dependencies: npm install --omit=dev) or move data to OBS.', formatBytes(size), mb(maxObsZipSizeMB)), file: ctx.view.location }];
      }
      if (size > maxZipSizeMB * MB) {
        return [{ message: t('The ZIP is {0}, over the {1} of a direct upload: upload it through an OBS bucket (up to {2}), or make it smaller.', formatBytes(size), mb(maxZipSizeMB), mb(maxObsZipSizeMB)), file: ctx.view.location, severity: 'warning' }];
      }
      return [];
    }
    const total = ctx.view.totalSize();
    if (total > maxZipSizeMB * MB) {
      return [{ ...ctx.anchor('CodeUri'), message: t('The files add up to {0} before compression; the ZIP may be over the {1} of a direct upload. Run fgtk package to see its real size, and upload through OBS if needed.', formatBytes(total), mb(maxZipSizeMB)), severity: 'info' }];
    }
    return [];
  },
};

export const unzippedTooLarge: Rule = {
  id: 'unzipped-too-large',
  contract: 'PKG-6',
  severity: 'error',
  check(ctx) {
    const total = ctx.view.totalSize();
    const limit = ctx.settings.maxUnzippedSizeMB;
    if (total <= limit * MB) return [];
    const anchor = ctx.view.kind === 'zip' ? { file: ctx.view.location } : ctx.anchor('CodeUri');
    return [{ ...anchor, message: t('Unzipped, the code is {0}, over the platform\'s {1}. Leave out what the function does not need, or load large data from OBS at run time.', formatBytes(total), mb(limit)) }];
  },
};

export const SIZE_RULES = [packageTooLarge, unzippedTooLarge];
