// Which platform a compiled program is for, from its first bytes (ELF, Mach-O, PE headers). The
// linter (PKG-7) and the Go 1.x launch both ask: the platform runs Linux x86_64 programs only.
import { t } from '../l10n';

export type BinaryFormat =
  | { kind: 'elf'; bits: 32 | 64; machine: number }
  | { kind: 'macho' }
  | { kind: 'pe' };

/** The executable format of a file from its first bytes, or undefined if it is none of them. */
export function binaryFormat(head: Buffer): BinaryFormat | undefined {
  if (head.length >= 20 && head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46) {
    const little = head[5] !== 2;
    return { kind: 'elf', bits: head[4] === 2 ? 64 : 32, machine: little ? head.readUInt16LE(18) : head.readUInt16BE(18) };
  }
  if (head.length >= 4) {
    const magic = head.readUInt32BE(0);
    if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return { kind: 'macho' };
    // 0xcafebabe is both a universal Mach-O and a Java class; only native file names get here.
    if (magic === 0xcafebabe && head.length >= 8 && head.readUInt32BE(4) < 40) return { kind: 'macho' };
  }
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return { kind: 'pe' };
  return undefined;
}

const ELF_MACHINES: Record<number, string> = { 0x03: 'x86 (32-bit)', 0x28: 'ARM (32-bit)', 0xb7: 'ARM64 (aarch64)', 0xf3: 'RISC-V', 0x3e: 'x86_64' };

/** Why a binary does not load on the platform, or undefined when it is Linux x86_64. */
export function wrongPlatform(format: BinaryFormat): string | undefined {
  if (format.kind === 'macho') return t('a macOS (Mach-O) binary');
  if (format.kind === 'pe') return t('a Windows (PE) binary');
  if (format.machine !== 0x3e || format.bits !== 64) return t('a Linux binary for {0}', ELF_MACHINES[format.machine] ?? `machine 0x${format.machine.toString(16)}`);
  return undefined;
}
