// Placeholder until the events subcommand lands; replaced by its owner.
import { EXIT_USAGE, type Subcommand } from './common';

const run: Subcommand = async () => {
  process.stderr.write('fgtk events: not available in this build yet\n');
  return EXIT_USAGE;
};
export default run;
