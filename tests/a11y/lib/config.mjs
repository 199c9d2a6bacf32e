// Paths and settings shared by the a11y suite. Everything tunable comes from env vars.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const A11Y_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = path.resolve(A11Y_DIR, '../..');

export const AXE_PATH = path.join(A11Y_DIR, 'node_modules/axe-core/axe.min.js');
export const VNU_JAR = path.join(A11Y_DIR, 'node_modules/vnu-jar/build/dist/vnu.jar');

/** The accessible sample site that every run audits, so the harness is proven green-able. */
export const SAMPLE_SITE = path.join(A11Y_DIR, 'samples/good');
/** Tried when A11Y_SITES is unset: the repository's own build output. */
export const DEFAULT_SITE = path.join(REPO_DIR, 'public');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const JAVA = process.env.JAVA || 'java';

export const WIDTHS = [375, 1280];
export const MODES = ['normal', 'alto-contraste'];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Pages audited at the same time in one browser context (2 cores: keep it small). */
export const PAGE_CONCURRENCY = Math.max(1, Number(process.env.A11Y_CONCURRENCY) || 2);

/** The contract between the site's JS and these tests. */
export const CONTRAST_KEY = 'secretaria.contraste';
export const CONTRAST_VALUE = 'alto';
export const CONTRAST_CLASS = 'alto-contraste';
export const CONTROL_IDS = ['aumentar-fonte', 'diminuir-fonte', 'fonte-normal', 'alto-contraste'];
export const SKIP_LINK_TEXT = 'Ir para o conteúdo';
export const MAIN_ID = 'conteudo';
