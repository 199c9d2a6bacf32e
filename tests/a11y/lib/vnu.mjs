// The Nu Html Checker (vnu.jar) run with the machine's java: one JVM for many files.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JAVA, VNU_JAR } from './config.mjs';

const FILES_PER_JVM = 1000; // keeps the command line far below ARG_MAX
// C1 only starts ~2x faster and stays faster for thousands of files; C1 frames are larger,
// so vnu's schema evaluation needs a bigger stack than the default (it overflows without).
const JVM_OPTS = ['-Xss4m', '-XX:TieredStopAtLevel=1'];

function runJava(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(JAVA, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => reject(new Error(`cannot run ${JAVA}: ${e.message} (install a Java runtime)`)));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** The JSON report is one line among whatever else the JVM printed (e.g. JAVA_TOOL_OPTIONS). */
function parseReport(out) {
  for (const line of out.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"messages"')) continue;
    try {
      return JSON.parse(line).messages;
    } catch {}
  }
  throw new Error(`vnu printed no JSON report:\n${out.slice(0, 2000)}`);
}

/**
 * Validate HTML files; resolves to the error messages:
 * [{ file, line, column, type, message, extract }]. Warnings are not requested.
 */
export async function validate(files) {
  const messages = [];
  for (let i = 0; i < files.length; i += FILES_PER_JVM) {
    const chunk = files.slice(i, i + FILES_PER_JVM);
    const { out } = await runJava([...JVM_OPTS, '-jar', VNU_JAR, '--errors-only', '--format', 'json', ...chunk]);
    for (const m of parseReport(out)) {
      if (m.type === 'info') continue;
      messages.push({
        file: m.url?.startsWith('file:') ? fileURLToPath(m.url) : m.url ?? '(unknown file)',
        line: m.lastLine ?? m.firstLine ?? null,
        column: m.firstColumn ?? m.lastColumn ?? null,
        type: m.subType ? `${m.type}/${m.subType}` : m.type,
        message: m.message,
        extract: m.extract,
      });
    }
  }
  return messages;
}

/** "file:line:col: message" lines, with paths relative to the site folder. */
export function formatMessages(messages, root) {
  return messages
    .map((m) => {
      const file = root ? path.relative(root, m.file) : m.file;
      const at = [file, m.line, m.column].filter((x) => x !== null && x !== undefined).join(':');
      const extract = m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim().slice(0, 160)}` : '';
      return `  ${at}: ${m.type}: ${m.message}${extract}`;
    })
    .join('\n');
}
