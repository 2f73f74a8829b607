/**
 * The hub's secret key and what it seals: the team's LLM provider key is stored encrypted with
 * AES-256-GCM (node:crypto), bound to its team, so a copy of the database (a backup, a dump) does
 * not give the provider key away. The secret comes from `HUB_SECRET_KEY` (32 bytes, base64 or hex)
 * or, without it, from a key file generated on the first start (mode 0600) next to the data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const KEY_BYTES = 32;
const IV_BYTES = 12;
/** Prefix of a sealed value: the format's version, so a later one can be told apart. */
const SEALED = 'v1';

/** 32 bytes written as 64 hex digits or as base64 (standard or URL-safe); anything else throws. */
export function parseSecretKey(text: string, from: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : null;
  if (key?.length !== KEY_BYTES) throw new Error(`${from} must be ${KEY_BYTES} bytes written as base64 or hex (make one with: openssl rand -base64 32)`);
  return key;
}

export interface SecretKeySource {
  env: Record<string, string | undefined>;
  /** HUB_DATA: the key file's default folder. */
  dataDir: string;
  log?: (line: string) => void;
}

/**
 * `HUB_SECRET_KEY`, else the key file (`HUB_SECRET_FILE`, default `<HUB_DATA>/hub-secret.key`),
 * created with a fresh random key when missing. Says which it uses, in one line.
 */
export function loadSecretKey({ env, dataDir, log = console.log }: SecretKeySource): Buffer {
  if (env.HUB_SECRET_KEY) {
    const key = parseSecretKey(env.HUB_SECRET_KEY, 'HUB_SECRET_KEY');
    log('LLM provider keys are encrypted at rest with HUB_SECRET_KEY.');
    return key;
  }
  const file = resolve(env.HUB_SECRET_FILE || join(dataDir, 'hub-secret.key'));
  let created = false;
  try {
    mkdirSync(dirname(file), { recursive: true });
    // 'wx': never overwrites a key another instance wrote meanwhile.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Whoever else can read the file can read the provider keys in a copy of the database.
  if (statSync(file).mode & 0o077) chmodSync(file, 0o600);
  const key = parseSecretKey(readFileSync(file, 'utf8'), file);
  log(
    created
      ? `LLM provider keys are encrypted at rest with a new secret key written to ${file} (mode 0600). Back it up with the database: without it the stored keys cannot be read. HUB_SECRET_KEY overrides it.`
      : `LLM provider keys are encrypted at rest with the secret key in ${file}.`,
  );
  return key;
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64). `context` (the team id) must match to open it. */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEALED, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64'))).join('.');
}

/** The plaintext, or null when this key (or this context) does not open the value. */
export function open(key: Buffer, sealed: string, context: string): string | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== SEALED || iv === undefined || tag === undefined || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
