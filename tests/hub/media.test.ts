import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubErrorBody } from '../../shared/sync/auth.ts';
import { HUB_MEDIA_MAX_BYTES } from '../../shared/sync/media.ts';
import { MediaPutResponse } from '../../shared/sync/protocol.ts';
import { DATABASE_LABEL, startTestHub, type TestHub } from './support/hub.ts';
import type { Signed } from './syncFixtures.ts';

/** Media by sha256 over HTTP: what goes in is verified, what comes out is the same bytes. */

/** A real 1×1 PNG (red pixel), with a random text chunk so every call gives new bytes. */
function png(): Buffer {
  const base = Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
    'hex',
  );
  const note = Buffer.from(`tEXtComment\u0000${Math.random()}`, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(note.length - 4);
  const chunk = Buffer.concat([length, note, Buffer.alloc(4)]);
  return Buffer.concat([base.subarray(0, base.length - 12), chunk, base.subarray(base.length - 12)]);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe(`media over HTTP (${DATABASE_LABEL})`, () => {
  let hub: TestHub;
  let reporter: Signed;
  let editor: Signed;

  beforeAll(async () => {
    hub = await startTestHub();
    reporter = await hub.signIn('reporter');
    editor = await hub.signIn('editor');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
  });

  const put = (name: string, bytes: Uint8Array, token = reporter.token, type = 'application/octet-stream') =>
    fetch(new URL(`v1/media/${name}`, hub.url), {
      method: 'PUT',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Blob([new Uint8Array(bytes)]),
    });
  const get = (name: string, token = editor.token) =>
    fetch(new URL(`v1/media/${name}`, hub.url), { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('stores an image under its sha256 and gives the same bytes back, with the type its bytes say', async () => {
    const bytes = png();
    const name = sha256(bytes);
    const stored = await put(name, bytes);
    expect(stored.status).toBe(201);
    expect(MediaPutResponse.parse(await stored.json())).toEqual({ sha256: name, mime: 'image/png', size: bytes.length, created: true });

    const again = await put(name, bytes, editor.token, 'image/png');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false });

    const fetched = await get(name);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(fetched.headers.get('x-content-type-options')).toBe('nosniff');
    const back = Buffer.from(await fetched.arrayBuffer());
    expect(back.equals(bytes)).toBe(true);
  });

  it('refuses bytes that do not match their name with 400, and stores nothing', async () => {
    const bytes = png();
    const other = sha256(png());
    const response = await put(other, bytes);
    expect(response.status).toBe(400);
    const body = HubErrorBody.parse(await response.json());
    expect(body.error.message).toContain(`their sha256 is ${sha256(bytes)}`);
    expect((await get(other)).status).toBe(404);
    expect((await get(sha256(bytes))).status).toBe(404);
  });

  it('refuses what is not an image, whatever its Content-Type says', async () => {
    const text = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const response = await put(sha256(text), text, reporter.token, 'image/png');
    expect(response.status).toBe(400);
    expect(HubErrorBody.parse(await response.json()).error.message).toContain('not a JPEG, PNG, WebP or GIF');
  });

  it.each([
    ['upper-case hex', (n: string) => n.toUpperCase()],
    ['too short', (n: string) => n.slice(1)],
    ['not hex', (n: string) => `${n.slice(1)}g`],
  ])('answers a name that is %s with 400', async (_label, mangle) => {
    const bytes = png();
    const name = mangle(sha256(bytes));
    expect((await put(name, bytes)).status).toBe(400);
    expect((await get(name)).status).toBe(400);
  });

  it('answers an empty body and a JSON body with 400, never 500', async () => {
    const empty = await put(sha256(new Uint8Array()), new Uint8Array());
    expect(empty.status).toBe(400);
    const json = await put(sha256(Buffer.from('{}')), Buffer.from('{}'), reporter.token, 'application/json');
    expect(json.status).toBe(400);
  });

  it('refuses an image over the size limit with 413 before storing anything', async () => {
    const big = Buffer.alloc(HUB_MEDIA_MAX_BYTES + 1);
    png().copy(big);
    const response = await put(sha256(big), big);
    expect(response.status).toBe(413);
    expect(HubErrorBody.parse(await response.json()).error.code).toBe('VALIDATION');
    expect((await get(sha256(big))).status).toBe(404);
  });

  it('needs a signed-in person for upload and download', async () => {
    const bytes = png();
    expect((await put(sha256(bytes), bytes, '')).status).toBe(401);
    expect((await get(sha256(bytes), '')).status).toBe(401);
  });

  it('answers an unknown image with 404', async () => {
    const response = await get('0'.repeat(64));
    expect(response.status).toBe(404);
    expect(HubErrorBody.parse(await response.json()).error.code).toBe('NOT_FOUND');
  });
});
