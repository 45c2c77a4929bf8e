// PKG-6: what the platform refuses for size. Limits are settings; sizes come from the central
// directory (declared sizes), never from extracting.
import { t } from '../../l10n';
import type { Rule } from '../context';

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);

export const packageTooLarge: Rule = {
  id: 'package-too-large',
  contract: 'PKG-6',
  severity: 'error',
  check(ctx) {
    const { maxZipSizeMB, maxObsZipSizeMB } = ctx.settings;
    if (ctx.view.kind === 'zip') {
      const size = ctx.view.archiveSize ?? 0;
      if (size > maxObsZipSizeMB * MB) {
        return [{ message: t('The ZIP is {0} MB, over the {1} MB the platform accepts even through OBS. Leave out what the function does not need (tests, docs, dev dependencies: npm install --omit=dev) or move data to OBS.', mb(size), maxObsZipSizeMB), file: ctx.view.location }];
      }
      if (size > maxZipSizeMB * MB) {
        return [{ message: t('The ZIP is {0} MB, over the {1} MB of a direct upload: upload it through an OBS bucket (up to {2} MB), or make it smaller.', mb(size), maxZipSizeMB, maxObsZipSizeMB), file: ctx.view.location, severity: 'warning' }];
      }
      return [];
    }
    const total = ctx.view.totalSize();
    if (total > maxZipSizeMB * MB) {
      return [{ ...ctx.anchor('CodeUri'), message: t('The files add up to {0} MB before compression; the ZIP may be over the {1} MB of a direct upload. Run fgtk package to see its real size, and upload through OBS if needed.', mb(total), maxZipSizeMB), severity: 'info' }];
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
    return [{ ...anchor, message: t('Unzipped, the code is {0} MB, over the platform\'s {1} MB. Leave out what the function does not need, or load large data from OBS at run time.', mb(total), limit) }];
  },
};

export const SIZE_RULES = [packageTooLarge, unzippedTooLarge];
