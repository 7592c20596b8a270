/**
 * Why `source` would not compile as a Go RE2 regexp, or undefined. Approximated with JavaScript's engine plus
 * RE2's refusals (lookaround, backreferences); RE2-only syntax (inline flags, `(?P<name>`) is translated first.
 */
export function re2Problem(source: string): string | undefined {
  if (/\(\?<?[=!]/.test(source)) return `error parsing regexp: invalid or unsupported Perl syntax: lookaround in ${JSON.stringify(source)}`;
  if (/\\[1-9]/.test(source)) return `error parsing regexp: invalid escape sequence: backreference in ${JSON.stringify(source)}`;
  const translated = source.replace(/^\(\?[imsU]+\)/, '').replace(/\(\?P</g, '(?<');
  try {
    new RegExp(translated, 'u');
    return undefined;
  } catch (e) {
    return `error parsing regexp: ${(e as Error).message}`;
  }
}
